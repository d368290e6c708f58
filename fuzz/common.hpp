// Helpers shared by the fuzz targets: splitting an input into fields, and
// the check that turns a broken invariant into a crash libFuzzer records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// Aborts (a finding) when an invariant does not hold.
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__,       \
                         #cond);                                                                   \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

inline std::string_view as_view(const uint8_t *data, size_t size) {
    return {reinterpret_cast<const char *>(data), size};
}

// Takes the text up to the next `sep` (or all of it) off the front of `in`.
// What is left keeps pointing into the input (never a null data()), as the
// body of a real answer, a std::string, never does.
inline std::string_view take(std::string_view &in, char sep = '\n') {
    size_t at = in.find(sep);
    std::string_view field = in.substr(0, at);
    in = at == std::string_view::npos ? in.substr(in.size()) : in.substr(at + 1);
    return field;
}

// Every `sep`-separated part of s ("" gives no part).
inline std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    while (!s.empty())
        parts.push_back(take(s, sep));
    return parts;
}

// A byte off the front of `in` (0 when it is empty).
inline uint8_t take_byte(std::string_view &in) {
    if (in.empty()) return 0;
    auto b = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    return b;
}

// sizeof(T) raw bytes off the front of `in`, little-endian; missing bytes are 0.
template <typename T> T take_raw(std::string_view &in) {
    unsigned char bytes[sizeof(T)] = {};
    size_t n = in.size() < sizeof(T) ? in.size() : sizeof(T);
    std::memcpy(bytes, in.data(), n);
    in.remove_prefix(n);
    T v;
    std::memcpy(&v, bytes, sizeof v);
    return v;
}

inline bool contains(std::string_view hay, std::string_view needle) {
    return hay.find(needle) != std::string_view::npos;
}

inline size_t count_of(std::string_view hay, std::string_view needle) {
    size_t n = 0;
    for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1))
        ++n;
    return n;
}

} // namespace fuzz
