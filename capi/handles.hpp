// What the opaque handles of mercadopago.h hold, and the exception firewall
// every entry point goes through.
#pragma once

#include "mercadopago.h"

#include "client.hpp"
#include "error.hpp"

#include <memory>
#include <new>

struct mp_error {
    mp::ErrorDetail detail;
};

struct mp_config {
    mp::Config config;
};

struct mp_client {
    std::unique_ptr<mp::Client> client;
};

struct mp_request {
    mp::CallOptions options;
    long page_size = 0; // the "page_size" option, read by mp_pager_new; 0: none
};

struct mp_response {
    mp::Response response;
    mp_error error; // filled when response.error is set
};

namespace mp::capi {

// The operation of that name; throws Error(InvalidArgument) when unknown.
const mp::Operation &find_operation_or_throw(const char *name);

mp_status status_for(mp::ErrorKind kind);

// Records the failure as this thread's last error and returns its status.
mp_status set_last_error(const mp::ErrorDetail &detail);
mp_status set_last_error(mp::ErrorKind kind, const char *message);

// Runs body, turning every exception into a status and the thread's last
// error: nothing crosses the C boundary as an exception (DuckDB's firewall).
template <typename F> mp_status guard(F &&body) noexcept {
    try {
        return body();
    } catch (const mp::Error &e) {
        return set_last_error(e.detail());
    } catch (const std::bad_alloc &) {
        return set_last_error(mp::ErrorKind::NoMemory, "out of memory");
    } catch (const std::exception &e) {
        return set_last_error(mp::ErrorKind::Internal, e.what());
    } catch (...) {
        return set_last_error(mp::ErrorKind::Internal, "unknown internal error");
    }
}

// The check every entry point makes of its pointer arguments.
#define MP_CHECK_ARG(cond)                                                                         \
    do {                                                                                           \
        if (!(cond))                                                                               \
            return ::mp::capi::set_last_error(::mp::ErrorKind::InvalidArgument,                    \
                                              "invalid argument: " #cond " does not hold");        \
    } while (0)

} // namespace mp::capi
