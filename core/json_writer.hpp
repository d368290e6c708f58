// A small JSON writer for what the core itself emits: correct escaping, and
// strings checked to be valid UTF-8 before they are written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mp {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Appends s as a quoted JSON string. Throws Error(Json) on invalid UTF-8.
void append_json_string(std::string &out, std::string_view s);

class JsonWriter {
  public:
    JsonWriter &begin_object();
    JsonWriter &end_object();
    JsonWriter &begin_array();
    JsonWriter &end_array();
    JsonWriter &key(std::string_view k);
    JsonWriter &value(std::string_view s);
    JsonWriter &value(const char *s) { return value(std::string_view(s)); }
    JsonWriter &value(int64_t n);
    JsonWriter &value(int n) { return value(static_cast<int64_t>(n)); }
    JsonWriter &value(double d); // finite numbers only: JSON has no NaN/Infinity
    JsonWriter &value(bool b);
    JsonWriter &null();
    // Inserts already-valid JSON text (the caller vouches for it).
    JsonWriter &raw(std::string_view json);

    const std::string &str() const { return out_; }
    std::string take() { return std::move(out_); }

  private:
    void before_value();
    std::string out_;
    // One entry per open container: whether it already holds an element.
    std::vector<bool> has_element_;
    bool after_key_ = false;
};

} // namespace mp
