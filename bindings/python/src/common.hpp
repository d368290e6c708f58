// Shared pieces of the mercadopago_native._native extension. Everything here
// goes through the public C ABI (mercadopago.h, mp_sandbox.h) only.
#pragma once

#include <mercadopago.h>
#include <mp_sandbox.h>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace mpn {

using StrPairs = std::vector<std::pair<std::string, std::string>>;

struct ResponseDeleter {
    void operator()(mp_response *r) const { mp_response_free(r); }
};
using ResponsePtr = std::unique_ptr<mp_response, ResponseDeleter>;

struct RequestDeleter {
    void operator()(mp_request *r) const { mp_request_free(r); }
};
using RequestPtr = std::unique_ptr<mp_request, RequestDeleter>;

// One answer of the API (2xx or error). Not shared between threads at once.
class Response {
public:
    explicit Response(mp_response *r) : r_(r) {}
    int http_status() const { return mp_response_http_status(r_.get()); }
    std::optional<std::string> header(const std::string &name) const {
        const char *v = mp_response_header(r_.get(), name.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    }
    std::string request_id() const { return mp_response_request_id(r_.get()); }
    std::string idempotency_key() const { return mp_response_idempotency_key(r_.get()); }
    int attempts() const { return mp_response_attempts(r_.get()); }
    py::bytes body() const {
        size_t len = 0;
        const char *b = mp_response_body(r_.get(), &len);
        return py::bytes(b ? b : "", b ? len : 0);
    }
    mp_response *get() const { return r_.get(); }

private:
    ResponsePtr r_;
};

// The details of an mp_error, copied while still valid (the last error is
// thread-local and short-lived).
py::dict error_info(const mp_error *e, mp_status fallback);

// Raises the Python exception for a failure: the last error of this thread
// (or of `e`), with the response of an API error when there is one.
[[noreturn]] void raise_error(mp_status st, const mp_error *e, std::unique_ptr<Response> resp);
[[noreturn]] void raise_last(mp_status st);
// Builds the exception object without raising it (batch outcomes).
py::object make_error(mp_status st, const mp_error *e, std::unique_ptr<Response> resp);

// Builds an mp_request from the pieces Python passes.
RequestPtr build_request(const StrPairs &path, const StrPairs &query,
                         const std::optional<py::bytes> &body,
                         const std::optional<std::string> &idempotency_key,
                         const std::optional<std::string> &access_token, const StrPairs &headers,
                         std::optional<long> timeout_ms, std::optional<int> max_retries);

void check(mp_status st); // raises on failure

class Client;
mp_client *client_handle(Client &c);

void bind_client(py::module_ &m);
void bind_pager_batch(py::module_ &m);
void bind_webhooks_sandbox(py::module_ &m);

} // namespace mpn
