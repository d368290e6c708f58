// Small helpers shared by the whole sandbox: time formats, random ids, money, JSON text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mp::sandbox {

using json = nlohmann::json;

// Milliseconds since the Unix epoch.
int64_t now_ms();

// "2026-11-23T19:12:21.000-04:00": the API's date format (the platform's -04:00 offset).
std::string format_date(int64_t ms);

// "23-11-2026T19:12:21UTC": the stamp the API puts before the trace id in cause[].data.
std::string format_error_stamp(int64_t ms);

// An ISO-8601 date ("2026-11-23", "2026-11-23T19:12:21Z", "...T19:12:21.000-04:00") or a
// relative one ("NOW", "NOW-30DAYS", "NOW-3MONTHS", ...) as milliseconds; nullopt if malformed.
std::optional<int64_t> parse_date(std::string_view text, int64_t now);

std::string uuid4();
std::string random_hex(size_t length);
std::string random_alnum(size_t length);
// A random number of `length` decimal digits that does not start with 0.
std::string random_digits(size_t length);
uint64_t random_u64();

// Amounts are kept in cents. JSON numbers with more than two decimals are rounded half away
// from zero; integral amounts are written as JSON integers (5, not 5.0).
int64_t to_cents(double amount);
json money(int64_t cents);

// JSON text; invalid UTF-8 (e.g. from a URL-decoded path) is replaced instead of throwing.
std::string to_text(const json &value);

// Blocks SIGPIPE in the calling thread (and the threads it starts later): a peer that hangs up
// makes writes fail with EPIPE instead of killing the host process.
void block_sigpipe_in_this_thread();

std::string to_lower(std::string_view text);
bool is_digits(std::string_view text);
bool is_valid_email(std::string_view email);

// A string field that must be a string when present: returns nullopt when absent or null,
// throws the given 400 cause when it has another type.
std::optional<std::string> optional_string(const json &object, const char *key, int code);

} // namespace mp::sandbox
