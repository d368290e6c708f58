// Options by name (capi/options.inc): the table, the checking and conversion
// of their text values, and what each one sets. The typed setters of
// mercadopago.h do the range checks, so each rule is written once.
#include "handles.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

using namespace mp::capi;

namespace {

constexpr int CLIENT = MP_OPTION_CLIENT;
constexpr int CALL = MP_OPTION_CALL;
constexpr int PAGES = MP_OPTION_PAGES;

struct OptionRow {
    const char *name;
    mp_option_type type;
    int arity;
    int scope;
    const char *doc;
};

constexpr OptionRow kOptions[] = {
#define MP_OPTION(name, type, arity, scope, doc) {name, MP_OPTION_##type, arity, scope, doc},
#include "options.inc"
#undef MP_OPTION
};

const OptionRow *option_at(size_t index) {
    return index < std::size(kOptions) ? &kOptions[index] : nullptr;
}

[[noreturn]] void refuse(const OptionRow &row, const char *why) {
    throw mp::Error(mp::ErrorKind::InvalidArgument,
                    std::string("option '") + row.name + "' " + why);
}

const OptionRow &find(const char *name, int scope) {
    for (const OptionRow &row : kOptions)
        if (std::strcmp(row.name, name) == 0) {
            if (!(row.scope & scope))
                refuse(row, scope == CLIENT ? "is set per call, not on the client"
                                            : "is set on the client, not per call");
            return row;
        }
    // The name is not echoed whole: a caller may have swapped name and value.
    std::string shown(name, strnlen(name, 40));
    for (char &c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    std::string known;
    for (const OptionRow &row : kOptions)
        if (row.scope & scope) known += (known.empty() ? "" : ", ") + std::string(row.name);
    throw mp::Error(mp::ErrorKind::InvalidArgument,
                    "unknown option '" + shown + "' (known: " + known + ")");
}

// The values of an option's text, converted by its type. Values are never
// quoted in messages: they may be secrets.
struct Values {
    std::string text;          // the whole text (STRING, HEADERS)
    std::vector<long> numbers; // INT and BOOL as is, SECONDS in milliseconds
};

long parse_int(const OptionRow &row, const std::string &s) {
    errno = 0;
    char *end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE)
        refuse(row, "takes a whole number");
    return v;
}

long parse_seconds(const OptionRow &row, const std::string &s) {
    char *end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v < 0 ||
        v > MP_MAX_TIMEOUT_MS / 1000.0)
        refuse(row, "takes a number of seconds from 0 to 86400");
    long ms = std::lround(v * 1000.0);
    return v > 0 && ms == 0 ? 1 : ms; // a positive time never rounds to none
}

long parse_bool(const OptionRow &row, const std::string &s) {
    if (s == "true" || s == "1") return 1;
    if (s == "false" || s == "0") return 0;
    refuse(row, "takes true or false");
}

Values parse(const OptionRow &row, const char *value) {
    if (value == nullptr) refuse(row, "needs a value");
    Values v;
    v.text = value;
    if (row.type == MP_OPTION_STRING || row.type == MP_OPTION_HEADERS) return v;
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        size_t comma = v.text.find(',', start);
        parts.push_back(v.text.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    if (parts.size() != static_cast<size_t>(row.arity))
        refuse(row, row.arity == 1 ? "takes one value" : "takes a list of values of its arity");
    for (std::string &p : parts) {
        while (!p.empty() && p.front() == ' ')
            p.erase(p.begin());
        while (!p.empty() && p.back() == ' ')
            p.pop_back();
        v.numbers.push_back(row.type == MP_OPTION_INT       ? parse_int(row, p)
                            : row.type == MP_OPTION_SECONDS ? parse_seconds(row, p)
                                                            : parse_bool(row, p));
    }
    return v;
}

int to_int(const OptionRow &row, long v) {
    if (v < -1000000 || v > 1000000) refuse(row, "is out of range");
    return static_cast<int>(v);
}

// What each client option sets: the typed setter of mercadopago.h.
mp_status apply(mp_config *c, const OptionRow &row, const Values &v) {
    std::string_view n = row.name;
    const char *s = v.text.c_str();
    long x = v.numbers.empty() ? 0 : v.numbers[0];
    if (n == "access_token") return mp_config_set_access_token(c, s);
    if (n == "base_url") return mp_config_set_base_url(c, s);
    if (n == "timeout") return mp_config_set_timeout_ms(c, x);
    if (n == "connect_timeout") return mp_config_set_connect_timeout_ms(c, x);
    if (n == "stall_timeout") return mp_config_set_stall_timeout_ms(c, x);
    if (n == "max_retries") return mp_config_set_max_retries(c, to_int(row, x));
    if (n == "retry_delays")
        return mp_config_set_retry_delays_ms(c, v.numbers[0], v.numbers[1], v.numbers[2]);
    if (n == "ca_file") return mp_config_set_ca_file(c, s);
    if (n == "ca_pem") return mp_config_set_ca_pem(c, s, v.text.size());
    if (n == "proxy") return mp_config_set_proxy(c, s);
    if (n == "proxy_from_environment") return mp_config_set_proxy_from_environment(c, int(x));
    if (n == "max_response_bytes") {
        if (x < 0) refuse(row, "must be at least 1024");
        return mp_config_set_max_response_bytes(c, static_cast<size_t>(x));
    }
    if (n == "max_idle_connections") return mp_config_set_max_idle_connections(c, x);
    if (n == "persistent") return mp_config_set_persistent(c, int(x));
    if (n == "user_agent_suffix") return mp_config_set_user_agent_suffix(c, s);
    if (n == "platform_id") return mp_config_set_platform_id(c, s);
    if (n == "integrator_id") return mp_config_set_integrator_id(c, s);
    if (n == "corporation_id") return mp_config_set_corporation_id(c, s);
    throw mp::Error(mp::ErrorKind::Internal,
                    std::string("client option without behaviour: ") + row.name);
}

// What each per-call option sets.
mp_status apply(mp_request *r, const OptionRow &row, const Values &v) {
    std::string_view n = row.name;
    const char *s = v.text.c_str();
    long x = v.numbers.empty() ? 0 : v.numbers[0];
    if (n == "access_token") return mp_request_set_access_token(r, s);
    if (n == "timeout") return mp_request_set_timeout_ms(r, x);
    if (n == "max_retries") return mp_request_set_max_retries(r, to_int(row, x));
    if (n == "idempotency_key") return mp_request_set_idempotency_key(r, s);
    if (n == "headers") {
        size_t colon = v.text.find(':');
        if (colon == std::string::npos || colon == 0) refuse(row, "takes \"Name: value\"");
        std::string name = v.text.substr(0, colon);
        size_t start = v.text.find_first_not_of(' ', colon + 1);
        return mp_request_add_header(r, name.c_str(), start == std::string::npos ? "" : s + start);
    }
    if (n == "page_size") {
        if (x < 1 || x > 1000) refuse(row, "must be from 1 to 1000");
        r->page_size = x;
        return MP_OK;
    }
    throw mp::Error(mp::ErrorKind::Internal,
                    std::string("call option without behaviour: ") + row.name);
}

// A failed setter's message gets the option's name in front.
mp_status named(const OptionRow &row, mp_status status) {
    if (status == MP_OK) return status;
    mp::ErrorDetail detail = mp_error_last()->detail;
    detail.message = std::string("option '") + row.name + "': " + detail.message;
    return set_last_error(detail);
}

} // namespace

extern "C" {

size_t mp_option_count(void) {
    return std::size(kOptions);
}
const char *mp_option_name(size_t i) {
    return option_at(i) ? option_at(i)->name : nullptr;
}
mp_option_type mp_option_value_type(size_t i) {
    return option_at(i) ? option_at(i)->type : static_cast<mp_option_type>(0);
}
int mp_option_arity(size_t i) {
    return option_at(i) ? option_at(i)->arity : 0;
}
int mp_option_scope(size_t i) {
    return option_at(i) ? option_at(i)->scope : 0;
}
const char *mp_option_doc(size_t i) {
    return option_at(i) ? option_at(i)->doc : nullptr;
}

mp_status mp_config_set_option(mp_config *config, const char *name, const char *value) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && name != nullptr);
        const OptionRow &row = find(name, CLIENT);
        return named(row, apply(config, row, parse(row, value)));
    });
}

mp_status mp_request_set_option(mp_request *request, const char *name, const char *value) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && name != nullptr);
        const OptionRow &row = find(name, CALL | PAGES);
        return named(row, apply(request, row, parse(row, value)));
    });
}

} // extern "C"
