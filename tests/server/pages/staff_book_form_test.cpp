// The operator's booking form (/staff/book) without a server (issue 15): what was typed becomes
// the body of POST /api/v1/reservations, which the API's own decoder reads, and the decoder's or
// the booking rules' refusals of the delivery and the group are shown beside their fields
// (server/pages/staff_pages.hpp staff_booking_body, server/pages/form_errors.hpp).
#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "common/time.hpp"
#include "server/codec/requests.hpp"
#include "server/http/errors.hpp"
#include "server/pages/form_errors.hpp"
#include "server/pages/staff_pages.hpp"

using namespace agrirent;
namespace json = boost::json;

namespace {

pages::staff_booking_form typed_form() {
    pages::staff_booking_form f;
    f.branch = "GS";
    f.type = "RICE_TRANSPLANTER";
    f.start = *parse_date("2020-05-12");
    f.end = *parse_date("2020-05-16");
    f.name = "김대표";
    f.phone = "010-7300-0001";
    f.delivery_offered = true;
    return f;
}

/// The decoder's 400 for `body`: the field it names, or "" when it decodes.
std::string refused_field(const json::object& body, pages::form_error* placed = nullptr) {
    try {
        (void)codec::booking_request_of(body);
    } catch (const http::api_error& e) {
        if (placed != nullptr) {
            *placed = pages::form_error_of(pages::page_form::staff_booking, e, "ko");
        }
        for (const auto& [k, v] : e.details()) {
            if (k == "field") {
                return v;
            }
        }
        return "?";
    }
    return {};
}

} // namespace

TEST_CASE("staff booking form: delivery and group become the API's request", "[views][staff]") {
    auto f = typed_form();
    // At the office: no delivery member at all, whatever the other fields hold.
    f.delivery_mode = "pickup";
    f.delivery_area = "본량동";
    auto body = pages::staff_booking_body(f);
    CHECK(!body.contains("delivery"));
    CHECK(!body.contains("group"));
    CHECK(json::serialize(body.at("farmer")) ==
          json::serialize(json::object{{"name", "김대표"}, {"phone", "010-7300-0001"}}));
    CHECK(body.at("channel") == "phone");
    CHECK(body.at("end") == "2020-05-16");
    CHECK(refused_field(body).empty());

    // A round trip to an area, for a group: both members, decoded as the API decodes them.
    f.delivery_mode = "round_trip";
    f.delivery_address = "본량동 마을회관";
    f.group = 7;
    body = pages::staff_booking_body(f);
    CHECK(json::serialize(body.at("delivery")) ==
          json::serialize(json::object{
              {"mode", "round_trip"}, {"address", "본량동 마을회관"}, {"area", "본량동"}}));
    CHECK(body.at("group") == 7);
    const auto decoded = codec::booking_request_of(body);
    REQUIRE(decoded.input.delivery);
    CHECK(decoded.input.delivery->mode == delivery_mode::round_trip);
    CHECK(decoded.input.delivery->area == "본량동");
    CHECK(decoded.input.group == 7);
    CHECK(decoded.via == channel::phone);

    // A form without the delivery part (the type is not deliverable) sends none.
    f.delivery_offered = false;
    CHECK(!pages::staff_booking_body(f).contains("delivery"));
}

TEST_CASE("staff booking form: a missing or bad delivery field is named beside its field",
          "[views][staff]") {
    auto f = typed_form();
    f.delivery_mode = "one_way";
    f.delivery_area = "본량동";
    pages::form_error placed;
    // No address: the decoder names delivery.address; the page shows it beside the address.
    CHECK(refused_field(pages::staff_booking_body(f), &placed) == "delivery.address");
    CHECK(placed.field == "delivery_address");
    CHECK(placed.message == "배달 장소를 적어 주세요.");
    // No area.
    f.delivery_address = "평동 창고";
    f.delivery_area.clear();
    CHECK(refused_field(pages::staff_booking_body(f), &placed) == "delivery.area");
    CHECK(placed.field == "delivery");
    // A mode that is none of the three.
    f.delivery_area = "평동";
    f.delivery_mode = "teleport";
    CHECK(refused_field(pages::staff_booking_body(f), &placed) == "delivery.mode");
    CHECK(placed.field == "delivery");
    f.delivery_mode = "one_way";
    CHECK(refused_field(pages::staff_booking_body(f)).empty());

    // The rules' refusals: the delivery ones beside the delivery, the representative beside
    // the phone, the group's days beside the dates.
    const auto at = [](reason r) {
        return pages::form_error_of(pages::page_form::staff_booking, refusal{r, {}}, "en").field;
    };
    CHECK(at(reason::delivery_lead_time) == "delivery");
    CHECK(at(reason::outside_delivery_area) == "delivery");
    CHECK(at(reason::delivery_not_offered) == "delivery");
    CHECK(at(reason::not_group_representative) == "phone");
    CHECK(at(reason::group_days_out_of_range) == "dates");
}
