// Keeping secrets out of every text the library emits (error records and
// log lines): access tokens, card numbers, security codes, document numbers
// and expiry dates.
#pragma once

#include <string>
#include <string_view>

namespace mp {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// Redacts free text:
// - every occurrence of the secrets given (the client's and a per-call access
//   token; ignored when shorter than 4 characters) and anything shaped like
//   an access token ("APP_USR-..." or "TEST-..." with 16 or more characters);
// - card numbers: a run of 13 to 19 digits, or digit groups separated by
//   single spaces or dashes ("4509 9535 6623 3704") that pass the Luhn check;
// - the value after a sensitive word: "security code 123", "cvv: 123",
//   "CPF 12345678909", "expiration 11/2030", "password=...".
std::string redact_text(std::string_view text, std::string_view secret1 = {},
                        std::string_view secret2 = {});

// Redacts a JSON document member by member: the values of sensitive members
// (card_number, security_code, token, access_token, expiration_*, document
// numbers, "number" inside "identification", everything inside such a
// member) become "[REDACTED]"; every string and number is also redacted as
// free text. It never fails: text that is not JSON, or is cut short, is
// redacted as far as it goes, and valid JSON stays valid JSON.
std::string redact_json(std::string_view json, std::string_view secret1 = {},
                        std::string_view secret2 = {});

// Text fit to show: valid UTF-8 (an invalid byte becomes '?'), control
// characters as spaces (newlines too, unless keep_newlines), and at most
// max_bytes long, cut at a character boundary and then marked with "…".
std::string printable(std::string_view text, size_t max_bytes, bool keep_newlines = false);

} // namespace mp
