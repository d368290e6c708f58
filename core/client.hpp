// The client: turns an operation of the table plus per-call options into an
// HTTP request, sends it (retrying what is safe to retry), and turns the
// answer into a Response or an Error.
#pragma once

#include "config.hpp"
#include "operations.hpp"
#include "response.hpp"
#include "retry.hpp"
#include "transport.hpp"
#include "url.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>
#include <string>

namespace mp {

class AsyncEngine;

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
    int max_retries = -1;        // -1: the client's
};

// A call made ready to send: built once, sent once per attempt.
struct PreparedCall {
    const Operation *op = nullptr;
    HttpRequest http;
    std::string token; // for redaction
    // The sensitive values the body carries (card number, security code,
    // document number, ...): redacted wherever the answer quotes them back.
    // Read from the body on first need (an error or a log line), not on every call.
    std::vector<std::string> sent_secrets;
    bool sent_secrets_read = false;
    std::string idempotency_key;
    long timeout_ms = 0;
    int max_retries = 0;
};

class Client {
  public:
    // Validates the configuration; throws Error(InvalidArgument) on bad values.
    explicit Client(Config config);

    // Sends the call. Returns the response whenever the API answered, with
    // response.error set for an error status; throws Error when it did not
    // answer (network, timeout, TLS) or the call is invalid (no request made).
    Response call(const Operation &op, const CallOptions &options);

    // Checks the inputs and builds the request; throws on bad input.
    PreparedCall prepare(const Operation &op, const CallOptions &options) const;
    // Runs a prepared call with retries.
    Response execute(PreparedCall &call);

    // Runs prepared calls concurrently from this thread, each with its own
    // retries. A result holds the response (with .error for an API error) or,
    // when no answer came, the transport error.
    struct Result {
        std::optional<Response> response;
        std::optional<ErrorDetail> error;
    };
    std::vector<Result> execute_many(std::vector<PreparedCall> &calls, long max_in_flight);

    // Asynchronous calls (async_engine.hpp): the call is checked and queued
    // at once (throws on bad input, as prepare does); done runs exactly once,
    // on the client's engine thread, with the result or the error (Canceled
    // when canceled). Returns the call's id, for cancel().
    using Completion = std::function<void(uint64_t id, Result result)>;
    uint64_t call_async(const Operation &op, const CallOptions &options, Completion done);
    void cancel(uint64_t id);

    // Opens up to n connections now (a HEAD of the base URL each), for the
    // blocking calls' pool and/or the asynchronous engine, so that the
    // first calls do not wait for TCP and TLS. Returns how many answered.
    int warm(int n, bool blocking, bool async);

    // The most detailed level logged from now on (0: none), for every thread.
    void set_log_level(int max_level) { config_.logger.max_level.store(max_level); }

    ~Client();

  private:
    friend class AsyncEngine;
    // Classifies one attempt's outcome (after_attempt): true, with delay_ms,
    // when it should be tried again; otherwise fills result.
    bool settle(PreparedCall &pc, int number, long took_ms, Transport::Outcome &&outcome,
                long remaining_ms, Result &result, long &delay_ms);
    AsyncEngine &engine();

    struct Attempt; // what one attempt of a call came to
    void before_attempt(PreparedCall &pc, int attempt, long remaining_ms) const;
    void after_attempt(PreparedCall &pc, Attempt &a, long remaining_ms);
    // What redaction removes for this call: both tokens and what it sent.
    std::vector<std::string_view> secrets_of(PreparedCall &pc) const;

    Config config_;
    std::string auth_header_; // "Authorization: Bearer <the client's token>", built once
    std::shared_ptr<Transport> transport_; // shared when persistent
    RetryBudget budget_;
    std::mutex engine_mutex_;
    std::unique_ptr<AsyncEngine> engine_; // started by the first asynchronous call
};

// Throws Error(InvalidArgument) unless token is a plausible access token (no
// spaces or control characters). The message never contains the token.
void check_access_token(std::string_view token);

} // namespace mp
