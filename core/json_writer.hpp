// Writing JSON text: the strings the core itself emits (a request body's
// member names when it rebuilds one), escaped and checked to be UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace mp {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Appends s as a quoted JSON string. Throws Error(Json) on invalid UTF-8.
void append_json_string(std::string &out, std::string_view s);

} // namespace mp
