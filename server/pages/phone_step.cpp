// The code step of a farmer's own action on the pages (DOMAIN.md §14, issue 14): booking and
// cancelling ask for a code first (인증번호 받기 → 6 digits → continue), inside the action's own
// form, and remember the verification for its 30 minutes in a signed cookie (booking_grant.hpp).
#include "common/validation.hpp"
#include "server/app/phone_verification.hpp"
#include "server/http/errors.hpp"
#include "server/i18n/messages.hpp"
#include "server/pages/farmer_pages.hpp"
#include "server/pages/page_support.hpp"

namespace agrirent::pages {

phone_step phone_code_step(http::context& ctx, app::services& s, const booking_grants& grants,
                           const http::form& form, std::string_view phone) {
    phone_step out;
    const std::string_view lang = ctx.lang;
    const auto now = s.clock.now();
    if (!s.catalog.get()->config().verify_farmer_phone) {
        return out; // a kiosk, or an office that verifies phones itself
    }
    if (auto token = grants.phone_proof(ctx.req, phone, now)) {
        out.verification = std::move(token);
        return out;
    }
    out.view.shown = true;
    out.view.hint = i18n::format("page.verify.hint", lang, {{"phone", std::string{phone}}});
    std::string code;
    for (const char c : form.value("verify_code")) {
        if (c >= '0' && c <= '9') {
            code += c;
        } else if (c != ' ' && c != '-') {
            code = "x";
            break;
        }
    }
    if (!form.value("verify_code").empty()) {
        // A typed code is confirmed, whichever button was pressed (Enter submits with the
        // first one, 인증번호 받기).
        if (code.size() != 6) {
            out.view.error = i18n::text("page.verify.not_six_digits", lang);
            out.status = http::status::bad_request;
            return out;
        }
        const auto v = app::confirm_phone_code(s, phone, code);
        if (!v) {
            out.view.error = http::refusal_message(v.error(), lang);
            out.status = http::status_of(v.error().code);
            return out;
        }
        out.view.shown = false;
        out.verification = v->token;
        out.set_cookie =
            grants.phone_proof_cookie(phone, v->token, now, v->expires_at, is_secure(ctx));
        return out;
    }
    if (form.value("verify") == "send") {
        if (const auto refused = app::request_phone_code(s, phone)) {
            out.view.error = http::refusal_message(*refused, lang);
            out.status = http::status_of(refused->code);
        } else {
            out.view.notice = i18n::text("page.verify.sent", lang);
        }
    }
    return out;
}

void ask_code_again(phone_step& step, const http::context& ctx, std::string_view phone,
                    const refusal& why) {
    step.view.shown = true;
    step.view.hint = i18n::format("page.verify.hint", ctx.lang, {{"phone", std::string{phone}}});
    step.view.notice.clear();
    step.view.error = http::refusal_message(why, ctx.lang);
    step.status = http::status_of(why.code);
}

http::response with_step_cookie(http::response res, phone_step& step) {
    if (step.set_cookie) {
        res.headers.push_back({"set-cookie", std::move(*step.set_cookie)});
        step.set_cookie.reset();
    }
    return res;
}

app::farmer_proof farmer_proof_of(const phone_step& step) {
    return app::farmer_proof{step.verification};
}

} // namespace agrirent::pages
