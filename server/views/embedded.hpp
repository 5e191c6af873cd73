#pragma once
// Files embedded into the binary at build time (cmake/embed_files.cmake): the page templates
// and the static assets. Nothing is read from disk at run time, so the one binary is the whole
// web site.
#include <span>
#include <string_view>

namespace agrirent {

struct embedded_file {
    std::string_view name;  // file name, e.g. "layout.mustache", "app.css"
    std::string_view bytes; // its content
};

} // namespace agrirent

namespace agrirent::views {

/// server/views/templates/*.mustache, sorted by name.
std::span<const embedded_file> templates() noexcept;

/// server/static/*, sorted by name.
std::span<const embedded_file> static_files() noexcept;

/// The template `name` (without ".mustache"), e.g. "layout"; empty if there is none.
std::string_view template_text(std::string_view name) noexcept;

} // namespace agrirent::views
