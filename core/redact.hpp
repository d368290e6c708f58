// Keeping secrets out of every text the library emits (error records and
// log lines): access tokens, card numbers, security codes, document numbers
// and expiry dates.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mp {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// Exact strings to redact wherever they appear: the access tokens, and the
// sensitive values a call sent (so that an answer quoting them back is
// caught). One shorter than 3 characters is ignored.
using Secrets = std::span<const std::string_view>;

// Redacts free text:
// - every occurrence of the secrets given, and anything shaped like an
//   access token ("APP_USR-..." or "TEST-..." with 16 or more characters);
// - the values of sensitive members of JSON quoted in the text
//   ({"security_code":"123"}, as in redact_json);
// - card numbers: a run of 13 to 19 digits, or digit groups separated by
//   single spaces or dashes ("4509 9535 6623 3704") that pass the Luhn check;
// - the value after a sensitive word: "security code 123", "cvv: 123",
//   "CPF 12345678909", "expiration 11/2030", "password=...".
std::string redact_text(std::string_view text, Secrets secrets);

// Redacts a JSON document member by member: the values of sensitive members
// (card_number, security_code, token, access_token, expiration_*, document
// numbers, "number" inside "identification", everything inside such a
// member) become "[REDACTED]"; every string and number is also redacted as
// free text (escaped JSON inside a string included). It never fails: text
// that is not JSON, or is cut short, is redacted as far as it goes, and
// valid JSON stays valid JSON.
std::string redact_json(std::string_view json, Secrets secrets);

// The same with up to two secrets (the usual case: the client's token and a
// per-call one).
inline std::string redact_text(std::string_view text, std::string_view secret1 = {},
                               std::string_view secret2 = {}) {
    const std::string_view secrets[] = {secret1, secret2};
    return redact_text(text, Secrets(secrets));
}
inline std::string redact_json(std::string_view json, std::string_view secret1 = {},
                               std::string_view secret2 = {}) {
    const std::string_view secrets[] = {secret1, secret2};
    return redact_json(json, Secrets(secrets));
}

// The values of the sensitive members of a JSON request body (card number,
// security code, document number, expiry, tokens), at least 3 characters
// long: a call redacts them wherever its answer quotes them back.
std::vector<std::string> sensitive_values(std::string_view json_body);

// Text fit to show: valid UTF-8 (an invalid byte becomes '?'), control
// characters as spaces (newlines too, unless keep_newlines), and at most
// max_bytes long, cut at a character boundary and then marked with "…".
std::string printable(std::string_view text, size_t max_bytes, bool keep_newlines = false);

} // namespace mp
