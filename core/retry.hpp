// When and how long to wait before trying a call again.
#pragma once

#include "error.hpp"

#include <atomic>
#include <optional>
#include <string_view>

namespace mp {

struct RetryPolicy {
    int max_retries = 2;             // attempts = 1 + max_retries
    long base_delay_ms = 500;        // the first backoff; doubled each retry
    long max_delay_ms = 5000;        // cap of the computed backoff
    long max_retry_after_ms = 30000; // cap of a server's Retry-After
};

// Whether a failure may be retried at all: what kind_is_retryable says
// (network errors, timeouts, 429, 5xx, and 423 while a key is still locked
// by its first use), and a write only with an idempotency key. TLS failures
// and every other 4xx never are: trying again cannot change their answer.
bool should_retry(const ErrorDetail &error, bool is_write, bool has_idempotency_key);

// The delay before retry number `retry` (1-based): base * 2^(retry-1), capped,
// with "equal jitter" (between half and all of it) so that clients that failed
// together do not come back together. A Retry-After (seconds, as sent on 429
// and 503) wins when it asks for more, up to its own cap.
long backoff_ms(const RetryPolicy &policy, int retry, std::optional<long> retry_after_ms);

// Parses a Retry-After header given in seconds; nullopt for anything else.
std::optional<long> parse_retry_after_ms(std::string_view value);

// A token bucket shared by all calls of one client (the AWS SDKs' retry
// quota): each retry spends tokens and each success puts one back, so when a
// server is down the client stops multiplying its load by the retry count.
class RetryBudget {
  public:
    static constexpr int kCapacity = 500;
    static constexpr int kRetryCost = 5;
    static constexpr int kTimeoutCost = 10;

    bool try_spend(ErrorKind kind);
    void on_success();
    int available() const { return tokens_.load(); }

  private:
    std::atomic<int> tokens_{kCapacity};
};

} // namespace mp
