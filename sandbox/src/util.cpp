#include "util.hpp"

#include "errors.hpp"

#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

#include <csignal>
#include <pthread.h>

namespace mp::sandbox {

namespace {

constexpr int64_t kOffsetMs = -4LL * 3600 * 1000; // the API answers in -04:00

std::mt19937_64 &rng() {
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64{seed};
    }()};
    return engine;
}

std::tm split_utc(int64_t ms) {
    std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    return parts;
}

int64_t floor_mod(int64_t a, int64_t b) {
    return ((a % b) + b) % b;
}

// Reads exactly `count` digits at `pos`; advances pos.
bool read_number(std::string_view text, size_t &pos, size_t count, int &out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (size_t i = 0; i < count; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

bool expect(std::string_view text, size_t &pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

std::optional<int64_t> parse_relative(std::string_view text, int64_t now) {
    // NOW, NOW-30DAYS, NOW+1HOURS ...
    std::string upper;
    for (char c : text)
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string_view rest(upper);
    if (rest.substr(0, 3) != "NOW") return std::nullopt;
    rest.remove_prefix(3);
    if (rest.empty()) return now;
    int sign = rest[0] == '-' ? -1 : rest[0] == '+' ? 1 : 0;
    if (sign == 0) return std::nullopt;
    rest.remove_prefix(1);
    size_t digits = 0;
    int64_t amount = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9' && digits < 9) {
        amount = amount * 10 + (rest[digits] - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    std::string_view unit = rest.substr(digits);
    if (!unit.empty() && unit.back() == 'S') unit.remove_suffix(1);
    int64_t unit_ms = 0;
    if (unit == "MINUTE")
        unit_ms = 60'000;
    else if (unit == "HOUR")
        unit_ms = 3'600'000;
    else if (unit == "DAY")
        unit_ms = 86'400'000;
    else if (unit == "WEEK")
        unit_ms = 7 * 86'400'000LL;
    else if (unit == "MONTH")
        unit_ms = 30 * 86'400'000LL;
    else if (unit == "YEAR")
        unit_ms = 365 * 86'400'000LL;
    else
        return std::nullopt;
    return now + sign * amount * unit_ms;
}

} // namespace

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_date(int64_t ms) {
    int64_t local = ms + kOffsetMs;
    std::tm t = split_utc(local);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d-04:00", t.tm_year + 1900,
                  t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec,
                  static_cast<int>(floor_mod(local, 1000)));
    return buf;
}

std::string format_error_stamp(int64_t ms) {
    std::tm t = split_utc(ms);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04dT%02d:%02d:%02dUTC", t.tm_mday, t.tm_mon + 1,
                  t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    return buf;
}

std::optional<int64_t> parse_date(std::string_view text, int64_t now) {
    if (text.size() >= 3 && (text[0] == 'N' || text[0] == 'n')) return parse_relative(text, now);
    size_t pos = 0;
    std::tm t{};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    if (!read_number(text, pos, 4, year) || !expect(text, pos, '-') ||
        !read_number(text, pos, 2, month) || !expect(text, pos, '-') ||
        !read_number(text, pos, 2, day))
        return std::nullopt;
    int64_t offset_ms = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_number(text, pos, 2, hour) || !expect(text, pos, ':') ||
            !read_number(text, pos, 2, minute))
            return std::nullopt;
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!read_number(text, pos, 2, second)) return std::nullopt;
            if (pos < text.size() && text[pos] == '.') {
                ++pos;
                size_t start = pos;
                int scale = 100;
                while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                    millis += (text[pos] - '0') * scale;
                    scale /= 10;
                    ++pos;
                }
                if (pos == start) return std::nullopt;
            }
        }
        if (pos < text.size()) {
            char zone = text[pos];
            if (zone == 'Z' || zone == 'z') {
                ++pos;
            } else if (zone == '+' || zone == '-') {
                ++pos;
                int oh = 0, om = 0;
                if (!read_number(text, pos, 2, oh)) return std::nullopt;
                if (pos < text.size() && text[pos] == ':') ++pos;
                if (!read_number(text, pos, 2, om)) return std::nullopt;
                offset_ms = (zone == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL) * 1000;
            } else {
                return std::nullopt;
            }
        }
        if (pos != text.size()) return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = second;
    int64_t seconds = static_cast<int64_t>(timegm(&t));
    return seconds * 1000 + millis - offset_ms;
}

uint64_t random_u64() {
    return rng()();
}

std::string uuid4() {
    uint64_t hi = rng()(), lo = rng()();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // variant 10
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return buf;
}

std::string random_hex(size_t length) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(length, '0');
    for (auto &c : out)
        c = digits[rng()() & 0xF];
    return out;
}

std::string random_alnum(size_t length) {
    static constexpr char chars[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out(length, 'a');
    for (auto &c : out)
        c = chars[rng()() % (sizeof chars - 1)];
    return out;
}

std::string random_digits(size_t length) {
    std::string out(length, '0');
    for (size_t i = 0; i < length; ++i)
        out[i] = static_cast<char>('0' + (i == 0 ? 1 + rng()() % 9 : rng()() % 10));
    return out;
}

int64_t to_cents(double amount) {
    return std::llround(amount * 100.0);
}

json money(int64_t cents) {
    if (cents % 100 == 0) return cents / 100;
    return static_cast<double>(cents) / 100.0;
}

std::string to_text(const json &value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void block_sigpipe_in_this_thread() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (auto &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_valid_email(std::string_view email) {
    if (email.size() < 3 || email.size() > 254) return false;
    size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos)
        return false;
    std::string_view domain = email.substr(at + 1);
    size_t dot = domain.rfind('.');
    if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size())
        return false;
    for (char c : email)
        if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';' || c == '<' || c == '>')
            return false;
    return true;
}

std::optional<std::string> optional_string(const json &object, const char *key, int code) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw bad_request(code, std::string(key) + " must be a string");
    return it->get<std::string>();
}

} // namespace mp::sandbox
