// Keeping secrets out of every message the library emits: the access token,
// card numbers, security codes and identification numbers.
#pragma once

#include <string>
#include <string_view>

namespace mp {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// Replaces every occurrence of secret (when it is at least 4 characters) and
// every run of 13 to 19 digits (a card number) in free text.
std::string redact_text(std::string_view text, std::string_view secret);

// Redacts a JSON document for logging: the values of sensitive members
// (card_number, security_code, access_token, refresh_token, client_secret,
// password, and "number" inside "identification") become "[REDACTED]", and
// card-number-like digit runs anywhere are masked. Text that is not JSON is
// treated as free text.
std::string redact_json(std::string_view json, std::string_view secret);

} // namespace mp
