#pragma once
// The layout's view model: what every page shares (language, title, navigation, language
// switch, assets) plus what staff pages add (CSRF token, who is signed in).
#include <string>
#include <vector>

namespace agrirent::views {

struct link {
    std::string href;
    std::string label;
    bool current = false; // aria-current="page"
};

struct page {
    std::string lang = "ko"; // <html lang>, and the language of every catalogue text
    std::string title;       // this page's title in `lang`; the layout appends the site name
    std::vector<link> nav;   // main navigation: farmer links, then staff links when signed in
    link lang_switch;        // the same page in the other language (label in that language)
    std::string other_lang;  // "en" or "ko": lang/hreflang of the switch
    std::string css_href;    // /static/app.css?v=<hash>
    std::string icon_href;   // /static/icon.svg?v=<hash>
    std::vector<std::string> scripts; // /static/….js?v=<hash>, loaded with defer; none usually
    std::string csrf;                 // a staff session's CSRF token: forms include {{>csrf_field}}
    std::string signed_in_as;         // staff member shown in the header (empty: nobody signed in)
    std::string logout_action;        // POST target of the header's logout button (staff pages)
    std::string notice;               // a one-line status at the top of <main> (role="status")
    std::string body_class;           // e.g. "page-book", for the stylesheet
    /// Staff pages: what needs doing soon (role="alert"), and where to do it; issue 13: the
    /// holiday calendar running out.
    std::string warning;
    link warning_link;
};

} // namespace agrirent::views
