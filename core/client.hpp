// The client: turns an operation of the table plus per-call options into an
// HTTP request, and its answer into a Response or an Error.
#pragma once

#include "config.hpp"
#include "operations.hpp"
#include "response.hpp"
#include "transport.hpp"
#include "url.hpp"

#include <memory>
#include <string>

namespace mp {

// Everything that belongs to one call and never outlives it.
struct CallOptions {
    Params path_params;
    Params query;
    std::string body;
    bool has_body = false;
    std::string idempotency_key; // empty: a fresh UUIDv4 for writes
    std::string access_token;    // empty: the client's
    Params headers;              // extra headers
    long timeout_ms = 0;         // 0: the client's
};

class Client {
  public:
    // Validates the configuration; throws Error(InvalidArgument) on bad values.
    explicit Client(Config config);

    // Sends the call. Returns the response whenever the API answered, with
    // response.error set for an error status; throws Error when it did not
    // answer (network, timeout, TLS) or the call is invalid (no request made).
    Response call(const Operation &op, const CallOptions &options);

    const Config &config() const { return config_; }

  private:
    Config config_;
    std::unique_ptr<Transport> transport_;
};

// Throws Error(InvalidArgument) unless token is a plausible access token (no
// spaces or control characters). The message never contains the token.
void check_access_token(std::string_view token);

// Replaces every occurrence of secret in text with "[REDACTED]".
std::string redact(std::string text, std::string_view secret);

} // namespace mp
