// Admin page of the statutory fee bands (DOMAIN.md §17, issue 15): the table in force with each
// band's allowed range, the report of machine types whose daily fee lies outside their band, and
// the form that replaces the table if the law changes (one band a line: price_from,price_to,
// daily_fee). The form's text becomes the API's body (PUT /api/v1/fee-bands), decoded by the
// same decoder, then the same service (server/app/admin_fee_bands.hpp).
#include "server/app/admin_fee_bands.hpp"
#include "server/codec/admin_decode.hpp"
#include "server/codec/admin_json.hpp"
#include "server/codec/catalog_json.hpp"
#include "server/pages/admin_page_support.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages::admin {
namespace {

namespace svc = app::admin;

constexpr field fee_band_fields[] = {
    {"bands", kind::textarea, "adm.fee_bands.table_field", "adm.fee_bands.table_hint",
     when_empty::blank, true},
};

/// A number as the decoder should see it: digits as a JSON number, anything else as the text
/// (the decoder refuses it by name), an empty price_to as null (no upper bound).
json::value amount(std::string_view raw, bool empty_is_null) {
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) {
        raw.remove_prefix(1);
    }
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r')) {
        raw.remove_suffix(1);
    }
    std::string digits;
    for (const char c : raw) {
        if (c != ',' && c != '_') {
            digits += c;
        }
    }
    if (digits.empty()) {
        return empty_is_null ? json::value(nullptr) : json::value("");
    }
    if (digits.size() <= 15 && digits.find_first_not_of("0123456789") == std::string::npos) {
        return json::value(std::stoll(digits));
    }
    return json::value(std::string{raw});
}

/// The textarea's lines as the API's {"bands": [...]}: "0-1000000-10000" is not a line; a line
/// is "price_from; price_to; daily_fee" with ';' or tabs or, when neither appears, spaces.
json::object api_body(const json::object& form) {
    const auto* text = form.if_contains("bands");
    if (text == nullptr || !text->is_string()) {
        return {};
    }
    json::array bands;
    std::string_view rest = text->get_string();
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        std::vector<std::string_view> parts;
        const char sep = line.find(';') != std::string_view::npos    ? ';'
                         : line.find('\t') != std::string_view::npos ? '\t'
                                                                     : ' ';
        std::size_t start = 0;
        for (;;) {
            const auto at = line.find(sep, start);
            const auto part = line.substr(start, at == std::string_view::npos ? at : at - start);
            if (sep != ' ' || !part.empty()) {
                parts.push_back(part);
            }
            if (at == std::string_view::npos) {
                break;
            }
            start = at + 1;
        }
        json::object row;
        if (parts.size() == 3) {
            row["price_from"] = amount(parts[0], false);
            row["price_to"] = amount(parts[1], true);
            row["daily_fee"] = amount(parts[2], false);
        } else if (parts.size() == 2 && sep == ' ') {
            // "45000000 210000": the last band, open-ended.
            row["price_from"] = amount(parts[0], false);
            row["price_to"] = nullptr;
            row["daily_fee"] = amount(parts[1], false);
        } else {
            row["price_from"] = std::string{line}; // refused: bands[i].price_from
        }
        bands.push_back(std::move(row));
    }
    return {{"bands", std::move(bands)}};
}

/// The table as the form shows it: "0; 1000000; 10000", one band a line.
std::string table_text(const std::vector<fee_band>& table) {
    std::string out;
    for (const auto& b : table) {
        out += std::to_string(b.price_from.value) + "; " +
               (b.price_to ? std::to_string(b.price_to->value) : std::string{}) + "; " +
               std::to_string(b.daily_fee.value) + "\n";
    }
    return out;
}

api_result replace_table(env& e, const json::object& body) {
    const auto bands = agrirent::codec::admin::decode_fee_bands(api_body(body));
    return outcome_of(e, svc::replace_fee_table(e.s, e.who(), bands), [](const auto& t) {
        return json::value(agrirent::codec::fee_bands_json(*t));
    });
}

av::admin_view fee_bands_view(env& e, const failure* failed) {
    const auto table = svc::fee_band_table(e.s);
    auto v = area_page(e, fee_bands_area);

    auto t = list_table(e, e.t("adm.fee_bands.caption"),
                        {"adm.fee_bands.price", "adm.fee_bands.band_fee", "adm.fee_bands.range"},
                        "adm.fee_bands.empty");
    for (const auto& b : *table) {
        const auto r = allowed_range(b.daily_fee);
        av::row row;
        row.id = "band-" + std::to_string(b.price_from.value);
        row.cells.push_back({.text = b.price_to ? e.f("adm.fee_bands.price_between",
                                                      {{"from", money(e, b.price_from.value)},
                                                       {"to", money(e, b.price_to->value)}})
                                                : e.f("adm.fee_bands.price_from",
                                                      {{"from", money(e, b.price_from.value)}})});
        row.cells.push_back({.text = money(e, b.daily_fee.value), .number = true});
        row.cells.push_back(
            {.text = money(e, r.min.value) + " ~ " + money(e, r.max.value), .number = true});
        t.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "table", .intro = e.t("adm.fee_bands.intro"), .tables = {t}});

    // The report: types whose fee lies outside their band (after a table or price edit).
    const auto report = svc::types_outside_band(e.s);
    auto out = list_table(e, e.t("adm.fee_bands.outside_caption"),
                          {"adm.field.code", "adm.field.name", "adm.type.daily_fee",
                           "adm.type.purchase_price", "adm.fee_bands.range"},
                          "adm.fee_bands.outside_empty");
    for (const auto* ty : report.types) {
        const json::value o = agrirent::codec::admin::type_admin_json(*ty);
        const std::string code = ty->type.code.value;
        av::row row;
        row.id = "outside-" + code;
        row.cells.push_back({.text = code, .href = item_href(types_area.href, code)});
        row.cells.push_back(name_cell(e, o));
        row.cells.push_back({.text = money(e, ty->type.daily_fee.value), .number = true});
        row.cells.push_back({.text = money(e, ty->type.purchase_price->value), .number = true});
        row.cells.push_back(
            {.text = money(e, ty->fee_band->min.value) + " ~ " + money(e, ty->fee_band->max.value),
             .number = true});
        out.rows.push_back(std::move(row));
    }
    v.sections.push_back({.id = "outside",
                          .heading = e.t("adm.fee_bands.outside_heading"),
                          .intro = e.t("adm.fee_bands.outside_intro"),
                          .tables = {std::move(out)}});

    values current;
    current.set("bands", table_text(*table));
    v.sections.push_back(
        {.id = "edit",
         .heading = e.t("adm.fee_bands.edit_heading"),
         .forms = {build_form(e.lang,
                              {"bands", "", "adm.fee_bands.edit_intro",
                               std::string{fee_bands_area.href}, "adm.form.save", fee_band_fields},
                              current, failed)}});
    return v;
}

} // namespace

void add_fee_band_pages(http::router& r, app::services& s) {
    add_list_pages(r, s, fee_bands_area.href, fee_bands_view,
                   list_post{"PUT", fee_band_fields, "bands", "adm.done.saved", replace_table});
}

} // namespace agrirent::pages::admin
