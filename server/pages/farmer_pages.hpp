#pragma once
// Handlers of the farmers' pages and what they share (internal to server/pages/; routes.hpp
// registers them). Each handler decodes the request, asks the booking services, builds a view
// model in the request's language and renders it (STYLE.md: handlers are thin).
#include <string>
#include <vector>

#include "common/fees.hpp"
#include "common/planning.hpp"
#include "server/app/catalog.hpp"
#include "server/app/services.hpp"
#include "server/http/router.hpp"
#include "server/pages/booking_grant.hpp"
#include "server/views/farmer_views.hpp"

namespace agrirent::pages {

// ---- handlers ------------------------------------------------------------------------------

/// GET /: branches, machine types, the discount in force, the big "Book" button.
http::response home_page(http::context& ctx, app::services& s);

/// GET /book: choose branch and type, the month calendar, the quote, the farmer form.
http::response book_page(http::context& ctx, app::services& s);
/// POST /book: book (303 to the booking's page) or show the form again with the errors.
http::response book_submit(http::context& ctx, app::services& s, const booking_grants& grants);

/// GET /booking/{code}: the booking (with a grant) or the look-up form for it.
http::response booking_page(http::context& ctx, app::services& s, const booking_grants& grants);
/// GET /booking/{code}/cancel: "really cancel?"; POST: cancel.
http::response cancel_page(http::context& ctx, app::services& s, const booking_grants& grants);
http::response cancel_submit(http::context& ctx, app::services& s, const booking_grants& grants);

/// GET /my: code + phone; POST /my: look the booking up (303 to its page with a grant).
http::response lookup_page(http::context& ctx, app::services& s);
http::response lookup_submit(http::context& ctx, app::services& s, const booking_grants& grants);

// ---- shared --------------------------------------------------------------------------------

/// The civil date today at the offices (Asia/Seoul, DOMAIN.md §1) on the injectable clock.
local_days office_today(const app::services& s);

/// "tel:" links for phone numbers as the office writes them.
std::vector<views::phone_link> phone_links(const std::vector<std::string>& phones);

/// A plan and its fee as the quote and the booking page show them.
views::plan_view plan_view_of(const app::branch_info& branch, const app::type_info& type,
                              const rental_plan& plan, const fee_quote& fee, std::string_view lang);

/// The eve-pickup sentence, or "" for a regular pickup (DOMAIN.md §4: 전날 오후 5시부터).
std::string eve_note(const app::branch_info& branch, const rental_plan& plan,
                     std::string_view lang);

} // namespace agrirent::pages
