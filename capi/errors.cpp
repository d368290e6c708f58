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
    case ErrorKind::InvalidArgument:
        return MP_ERR_INVALID_ARGUMENT;
    case ErrorKind::Json:
        return MP_ERR_JSON;
    case ErrorKind::Network:
        return MP_ERR_NETWORK;
    case ErrorKind::Timeout:
        return MP_ERR_TIMEOUT;
    case ErrorKind::Tls:
        return MP_ERR_TLS;
    case ErrorKind::Auth:
        return MP_ERR_AUTH;
    case ErrorKind::NotFound:
        return MP_ERR_NOT_FOUND;
    case ErrorKind::Validation:
        return MP_ERR_VALIDATION;
    case ErrorKind::Conflict:
        return MP_ERR_CONFLICT;
    case ErrorKind::RateLimited:
        return MP_ERR_RATE_LIMITED;
    case ErrorKind::Server:
        return MP_ERR_SERVER;
    case ErrorKind::Signature:
        return MP_ERR_SIGNATURE;
    case ErrorKind::NoMemory:
        return MP_ERR_NO_MEMORY;
    case ErrorKind::Internal:
        return MP_ERR_INTERNAL;
    case ErrorKind::Protocol:
        return MP_ERR_PROTOCOL;
    case ErrorKind::Canceled:
        return MP_ERR_CANCELED;
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

namespace {

// The error classes (statuses.inc): a status's name, and the class that
// reports it.
struct ErrorClass {
    const char *name;
    const char *parent;
    int status; // 0 for a group
    const char *status_name;
    const char *doc;
};

constexpr ErrorClass kClasses[] = {
#define MP_ERROR_GROUP(name, parent, doc) {name, parent, 0, "", doc},
#define MP_STATUS(value, status_name, name, parent, doc) {name, parent, value, status_name, doc},
#include "statuses.inc"
#undef MP_STATUS
#undef MP_ERROR_GROUP
};

} // namespace

extern "C" {

const char *mp_status_name(mp_status status) {
    // Read as an int: a C caller may pass any value, and loading an enum
    // outside its range is undefined behaviour in C++.
    int code;
    std::memcpy(&code, &status, sizeof code);
    if (code == MP_OK) return "ok";
    if (code == MP_ITER_OVER) return "iter_over";
    for (const ErrorClass &c : kClasses)
        if (c.status == code && code != 0) return c.status_name;
    return "unknown";
}

size_t mp_error_class_count(void) {
    return std::size(kClasses);
}
const char *mp_error_class_name(size_t i) {
    return i < std::size(kClasses) ? kClasses[i].name : nullptr;
}
const char *mp_error_class_parent(size_t i) {
    return i < std::size(kClasses) ? kClasses[i].parent : nullptr;
}
mp_status mp_error_class_status(size_t i) {
    return i < std::size(kClasses) ? static_cast<mp_status>(kClasses[i].status) : MP_OK;
}
const char *mp_error_class_doc(size_t i) {
    return i < std::size(kClasses) ? kClasses[i].doc : nullptr;
}

const mp_error *mp_error_last(void) {
    return has_last_error ? &last_error : nullptr;
}

void mp_error_clear(void) {
    has_last_error = false;
}

mp_status mp_error_status(const mp_error *e) {
    return e ? status_for(e->detail.kind) : MP_OK;
}
const char *mp_error_message(const mp_error *e) {
    return e ? e->detail.message.c_str() : "";
}
int mp_error_http_status(const mp_error *e) {
    return e ? e->detail.http_status : 0;
}
const char *mp_error_api_error(const mp_error *e) {
    return e ? e->detail.api_error.c_str() : "";
}
const char *mp_error_causes(const mp_error *e, size_t *len) {
    const char *s = e ? e->detail.causes_json.c_str() : "[]";
    if (len) *len = e ? e->detail.causes_json.size() : 2;
    return s;
}
const char *mp_error_request_id(const mp_error *e) {
    return e ? e->detail.request_id.c_str() : "";
}
const char *mp_error_idempotency_key(const mp_error *e) {
    return e ? e->detail.idempotency_key.c_str() : "";
}
int mp_error_attempts(const mp_error *e) {
    return e ? e->detail.attempts : 0;
}
int mp_error_retryable(const mp_error *e) {
    return e && e->detail.retryable ? 1 : 0;
}

} // extern "C"
