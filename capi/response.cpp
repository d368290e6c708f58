// mp_response: an answer's status, headers, body and typed JSON reads.
#include "handles.hpp"

#include <cstring>

using namespace mp::capi;

namespace {

// Finds the element at pointer, or says why not. Parse errors become the
// last error; "nothing there" is MP_ERR_NOT_PRESENT and leaves it alone.
template <typename F> mp_status read_at(mp_response *r, const char *pointer, F &&take) {
    return guard([&] {
        MP_CHECK_ARG(r != nullptr && pointer != nullptr);
        std::optional<simdjson::dom::element> e = r->response.at(pointer);
        if (!e) return MP_ERR_NOT_PRESENT;
        return take(*e) ? MP_OK : MP_ERR_NOT_PRESENT;
    });
}

} // namespace

extern "C" {

void mp_response_free(mp_response *response) {
    delete response;
}

int mp_response_http_status(const mp_response *r) {
    return r ? static_cast<int>(r->response.http.status) : 0;
}

const char *mp_response_header(const mp_response *r, const char *name) {
    if (!r || !name) return nullptr;
    return r->response.http.header(name);
}

const char *mp_response_header_at(const mp_response *r, size_t index) {
    if (!r) return nullptr;
    const std::string &all = r->response.http.headers; // "Name: value\0" one after another
    for (size_t at = 0; at < all.size(); --index) {
        const char *line = all.c_str() + at;
        if (index == 0) return line;
        at += std::strlen(line) + 1;
    }
    return nullptr;
}

const char *mp_response_request_id(const mp_response *r) {
    return r ? r->response.request_id.c_str() : "";
}

const char *mp_response_idempotency_key(const mp_response *r) {
    return r ? r->response.idempotency_key.c_str() : "";
}

int mp_response_attempts(const mp_response *r) {
    return r ? r->response.attempts : 0;
}

const char *mp_response_body(const mp_response *r, size_t *len) {
    if (len) *len = r ? r->response.http.body.size() : 0;
    return r ? r->response.http.body.c_str() : "";
}

const mp_error *mp_response_error(const mp_response *r) {
    return r && r->response.error ? &r->error : nullptr;
}

mp_status mp_response_get_string(mp_response *r, const char *pointer, const char **out,
                                 size_t *len) {
    if (!out)
        return set_last_error(mp::ErrorKind::InvalidArgument, "invalid argument: out is NULL");
    return read_at(r, pointer, [&](simdjson::dom::element e) {
        std::string_view s;
        if (e.get_string().get(s)) return false;
        *out = s.data(); // simdjson keeps strings NUL-terminated in its buffer
        if (len) *len = s.size();
        return true;
    });
}

mp_status mp_response_get_int64(mp_response *r, const char *pointer, int64_t *out) {
    if (!out)
        return set_last_error(mp::ErrorKind::InvalidArgument, "invalid argument: out is NULL");
    return read_at(r, pointer, [&](simdjson::dom::element e) {
        int64_t n;
        if (e.get_int64().get(n)) {
            // 12.0 is an integer too; 12.5 and 1e300 are not int64 values.
            double d;
            if (e.get_double().get(d) ||
                !(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
                return false;
            n = static_cast<int64_t>(d);
            if (static_cast<double>(n) != d) return false;
        }
        *out = n;
        return true;
    });
}

mp_status mp_response_get_double(mp_response *r, const char *pointer, double *out) {
    if (!out)
        return set_last_error(mp::ErrorKind::InvalidArgument, "invalid argument: out is NULL");
    return read_at(r, pointer, [&](simdjson::dom::element e) { return !e.get_double().get(*out); });
}

mp_status mp_response_get_bool(mp_response *r, const char *pointer, int *out) {
    if (!out)
        return set_last_error(mp::ErrorKind::InvalidArgument, "invalid argument: out is NULL");
    return read_at(r, pointer, [&](simdjson::dom::element e) {
        bool b;
        if (e.get_bool().get(b)) return false;
        *out = b ? 1 : 0;
        return true;
    });
}

mp_status mp_response_get_length(mp_response *r, const char *pointer, size_t *out) {
    if (!out)
        return set_last_error(mp::ErrorKind::InvalidArgument, "invalid argument: out is NULL");
    return read_at(r, pointer, [&](simdjson::dom::element e) {
        simdjson::dom::array a;
        if (!e.get_array().get(a)) {
            *out = a.size();
            return true;
        }
        simdjson::dom::object o;
        if (!e.get_object().get(o)) {
            *out = o.size();
            return true;
        }
        return false;
    });
}

int mp_response_exists(mp_response *r, const char *pointer) {
    try {
        return r && pointer && r->response.at(pointer) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

} // extern "C"
