// mp_status names, the thread-local last error and its accessors.
#include "handles.hpp"

#include <cstring>

namespace mp::capi {

namespace {
thread_local mp_error last_error;
thread_local bool has_last_error = false;
} // namespace

mp_status status_for(mp::ErrorKind kind) {
    switch (kind) {
    case ErrorKind::InvalidArgument: return MP_ERR_INVALID_ARGUMENT;
    case ErrorKind::Json: return MP_ERR_JSON;
    case ErrorKind::Network: return MP_ERR_NETWORK;
    case ErrorKind::Timeout: return MP_ERR_TIMEOUT;
    case ErrorKind::Tls: return MP_ERR_TLS;
    case ErrorKind::Auth: return MP_ERR_AUTH;
    case ErrorKind::NotFound: return MP_ERR_NOT_FOUND;
    case ErrorKind::Validation: return MP_ERR_VALIDATION;
    case ErrorKind::Conflict: return MP_ERR_CONFLICT;
    case ErrorKind::RateLimited: return MP_ERR_RATE_LIMITED;
    case ErrorKind::Server: return MP_ERR_SERVER;
    case ErrorKind::Signature: return MP_ERR_SIGNATURE;
    case ErrorKind::NoMemory: return MP_ERR_NO_MEMORY;
    case ErrorKind::Internal: return MP_ERR_INTERNAL;
    case ErrorKind::Protocol: return MP_ERR_PROTOCOL;
    }
    return MP_ERR_INTERNAL;
}

mp_status set_last_error(const mp::ErrorDetail &detail) {
    try {
        last_error.detail = detail;
    } catch (...) {
        last_error.detail = mp::ErrorDetail{};
        last_error.detail.kind = ErrorKind::NoMemory;
    }
    has_last_error = true;
    return status_for(last_error.detail.kind);
}

mp_status set_last_error(mp::ErrorKind kind, const char *message) {
    mp::ErrorDetail d;
    d.kind = kind;
    try {
        d.message = message;
    } catch (...) {
    }
    return set_last_error(d);
}

} // namespace mp::capi

using namespace mp::capi;

extern "C" {

const char *mp_status_name(mp_status status) {
    // Read as an int: a C caller may pass any value, and loading an enum
    // outside its range is undefined behaviour in C++.
    int code;
    std::memcpy(&code, &status, sizeof code);
    switch (code) {
    case MP_OK: return "ok";
    case MP_ERR_INVALID_ARGUMENT: return "invalid_argument";
    case MP_ERR_JSON: return "json";
    case MP_ERR_NETWORK: return "network";
    case MP_ERR_TIMEOUT: return "timeout";
    case MP_ERR_TLS: return "tls";
    case MP_ERR_AUTH: return "auth";
    case MP_ERR_NOT_FOUND: return "not_found";
    case MP_ERR_VALIDATION: return "validation";
    case MP_ERR_CONFLICT: return "conflict";
    case MP_ERR_RATE_LIMITED: return "rate_limited";
    case MP_ERR_SERVER: return "server";
    case MP_ERR_SIGNATURE: return "signature";
    case MP_ERR_NO_MEMORY: return "no_memory";
    case MP_ERR_INTERNAL: return "internal";
    case MP_ERR_NOT_PRESENT: return "not_present";
    case MP_ITER_OVER: return "iter_over";
    case MP_ERR_PROTOCOL: return "protocol";
    }
    return "unknown";
}

const mp_error *mp_error_last(void) { return has_last_error ? &last_error : nullptr; }

void mp_error_clear(void) { has_last_error = false; }

mp_status mp_error_status(const mp_error *e) { return e ? status_for(e->detail.kind) : MP_OK; }
const char *mp_error_message(const mp_error *e) { return e ? e->detail.message.c_str() : ""; }
int mp_error_http_status(const mp_error *e) { return e ? e->detail.http_status : 0; }
const char *mp_error_api_error(const mp_error *e) { return e ? e->detail.api_error.c_str() : ""; }
const char *mp_error_causes(const mp_error *e, size_t *len) {
    const char *s = e ? e->detail.causes_json.c_str() : "[]";
    if (len) *len = e ? e->detail.causes_json.size() : 2;
    return s;
}
const char *mp_error_request_id(const mp_error *e) { return e ? e->detail.request_id.c_str() : ""; }
const char *mp_error_idempotency_key(const mp_error *e) {
    return e ? e->detail.idempotency_key.c_str() : "";
}
int mp_error_attempts(const mp_error *e) { return e ? e->detail.attempts : 0; }
int mp_error_retryable(const mp_error *e) { return e && e->detail.retryable ? 1 : 0; }

} // extern "C"
