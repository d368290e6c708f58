// Errors of the core: a category, and the detail a caller needs to act on it.
#pragma once

#include <exception>
#include <string>
#include <string_view>

namespace mp {

// The categories a caller branches on. The C ABI maps them one to one onto mp_status.
enum class ErrorKind {
    InvalidArgument,
    Json,
    Network,
    Timeout,
    Tls,
    Auth,       // 401, 403
    NotFound,   // 404
    Validation, // 400, 422 and other 4xx
    Conflict,   // 409, 423 (idempotency and state conflicts)
    RateLimited,
    Server, // 5xx
    Signature,
    NoMemory,
    Internal,
    Protocol, // an answer the API never gives: 3xx, a status outside 200-599, over the limits
    Canceled, // an asynchronous call canceled by its caller, or by freeing its client
};

struct ErrorDetail {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;
    int http_status = 0;   // 0 when no HTTP answer was received
    std::string api_error; // the envelope's "error", e.g. "bad_request"
    std::string causes_json = "[]";
    std::string request_id;      // X-Request-Id of the answer
    std::string idempotency_key; // the key the request carried, if a write
    int attempts = 0;
    bool retryable = false;
};

class Error : public std::exception {
  public:
    explicit Error(ErrorDetail detail) : detail_(std::move(detail)) {}
    Error(ErrorKind kind, std::string message) {
        detail_.kind = kind;
        detail_.message = std::move(message);
    }
    const char *what() const noexcept override { return detail_.message.c_str(); }
    const ErrorDetail &detail() const { return detail_; }
    ErrorDetail &detail() { return detail_; }

  private:
    ErrorDetail detail_;
};

// The category of an HTTP error status (>= 400).
ErrorKind kind_for_http_status(int status);

// Whether a failure of this kind may succeed when tried again.
bool kind_is_retryable(ErrorKind kind, int http_status);

// An X-Request-Id as the error record keeps it: printable ASCII, at most 128
// characters (a hostile server could send anything there).
std::string clean_request_id(std::string_view header_value);

// Builds the detail of an HTTP error answer from the API's envelope
// {"message","error","status","cause":[...]}; tolerant of any other body.
ErrorDetail parse_api_error(int http_status, std::string_view body, std::string_view request_id);

} // namespace mp
