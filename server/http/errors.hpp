#pragma once
// The JSON error format of API.md and the one table that maps domain refusals to HTTP.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/refusal.hpp"
#include "server/http/message.hpp"

namespace agrirent::http {

/// An error a handler raises for bad input or access; rendered as API.md's JSON error.
class api_error : public std::runtime_error {
  public:
    /// `message_key` is a key of the message catalogue (server/i18n), or literal text.
    api_error(int status, std::string code, std::string message_key,
              std::vector<std::pair<std::string, std::string>> details = {})
        : std::runtime_error(code), status_(status), code_(std::move(code)),
          key_(std::move(message_key)), details_(std::move(details)) {}

    [[nodiscard]] int status() const noexcept { return status_; }
    [[nodiscard]] const std::string& code() const noexcept { return code_; }
    [[nodiscard]] const std::string& message_key() const noexcept { return key_; }
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& details() const noexcept {
        return details_;
    }

  private:
    int status_;
    std::string code_;
    std::string key_;
    std::vector<std::pair<std::string, std::string>> details_;
};

/// 400 bad_request naming the field that is wrong.
api_error bad_field(std::string field, std::string_view why = "invalid");

/// The HTTP status of a domain refusal (API.md: 404, 409, 422, …).
int status_of(reason r) noexcept;

/// The API error code of a refusal (API.md): its reason's name, or the code the admin API has
/// always answered for it ("conflict" for season_overlap …).
std::string_view api_code_of(reason r) noexcept;

/// The message for a refusal in `lang` (a more specific text when its details name a reason).
std::string refusal_message(const refusal& r, std::string_view lang);

/// The JSON error response for a refusal, with the message in `lang`.
response error_response(const refusal& r, std::string_view lang);
response error_response(const api_error& e, std::string_view lang);
response error_response(int status, std::string_view code, std::string_view message_key,
                        std::string_view lang,
                        const std::vector<std::pair<std::string, std::string>>& details = {});

/// A JSON body with the right content type.
response json_response(int status, std::string body);

} // namespace agrirent::http
