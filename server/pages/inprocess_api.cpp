#include "server/pages/inprocess_api.hpp"

#include <boost/json.hpp>
#include <boost/url.hpp>

#include "server/api/access.hpp"

namespace agrirent::pages {

namespace json = boost::json;

inprocess_api::inprocess_api(const http::router& router, const http::context& page)
    : router_(router), page_(page) {}

api_result inprocess_api::call(std::string_view method, std::string target,
                               const json::object* body) const {
    http::request req;
    req.method = std::string{method};
    req.target = std::move(target);
    req.remote_address = page_.req.remote_address;
    req.secure = page_.req.secure;
    // The same person: the page session's token as a bearer token (no cookie, so no CSRF check
    // again), in the page's language.
    if (const auto& token = api::state_of(page_).token; !token.empty()) {
        req.headers.push_back({"authorization", "Bearer " + token});
    }
    req.headers.push_back({"accept-language", page_.lang});
    // The same client address for the access filter (rate limits, audit rows): behind a trusted
    // proxy it reads these headers, so they travel along.
    for (const std::string_view name : {"x-forwarded-for", "x-forwarded-proto"}) {
        if (const auto v = page_.req.header_value(name); !v.empty()) {
            req.headers.push_back({std::string{name}, std::string{v}});
        }
    }
    if (body != nullptr) {
        req.headers.push_back({"content-type", "application/json"});
        req.body = json::serialize(*body);
    }

    const http::response res = router_.handle(req);

    api_result out;
    out.status = res.status;
    if (!res.body.empty() && res.header_value("content-type").starts_with("application/json")) {
        boost::system::error_code ec;
        out.body = json::parse(res.body, ec);
        if (ec) {
            out.body = nullptr;
        }
    }
    if (!out.ok()) {
        if (const auto* o = out.body.if_object()) {
            if (const auto* e = o->if_contains("error"); e != nullptr && e->is_object()) {
                const auto& err = e->get_object();
                if (const auto* c = err.if_contains("code"); c != nullptr && c->is_string()) {
                    out.code = std::string{c->get_string()};
                }
                if (const auto* m = err.if_contains("message"); m != nullptr && m->is_string()) {
                    out.message = std::string{m->get_string()};
                }
                if (const auto* d = err.if_contains("details"); d != nullptr && d->is_object()) {
                    out.details = d->get_object();
                    if (const auto* f = out.details.if_contains("field");
                        f != nullptr && f->is_string()) {
                        out.field = std::string{f->get_string()};
                    }
                }
            }
        }
    }
    return out;
}

std::string path_segment(std::string_view raw) {
    return boost::urls::encode(raw, boost::urls::pchars);
}

} // namespace agrirent::pages
