// X-Idempotency-Key: (credential, key) -> the first request and its successful response.
//   same method, path and body  -> replay the stored body with 200, no new resource;
//   anything different          -> 409 idempotency_key_already_used;
//   the first still in flight   -> wait for it (423 idempotency_key_locked after a while).
// Only 2xx responses are kept: a request that failed may be retried with the same key.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mp::sandbox {

class Idempotency {
  public:
    enum class Outcome { Proceed, Replay, Conflict, Locked };

    struct Claim {
        Outcome outcome = Outcome::Proceed;
        std::string body; // the stored response, for Replay
    };

    explicit Idempotency(std::chrono::milliseconds lock_wait = std::chrono::seconds(10));

    // `body` is the request body as sent; JSON bodies are compared by value, not by bytes.
    Claim begin(const std::string &scope, const std::string &key, const std::string &method,
                const std::string &path, const std::string &body);
    // After Proceed, exactly one of these:
    void complete(const std::string &scope, const std::string &key, std::string response);
    void abandon(const std::string &scope, const std::string &key);
    // Forgets every finished key. Requests still in flight keep theirs until they end.
    void clear();

  private:
    struct Entry {
        std::string method;
        std::string path;
        std::string body;
        bool done = false;
        std::string response;
        int64_t stored_ms = 0;
    };

    void prune(int64_t now);

    std::mutex mutex_;
    std::condition_variable changed_;
    std::unordered_map<std::string, Entry> entries_;
    std::chrono::milliseconds lock_wait_;
    int64_t last_prune_ms_ = 0;
};

} // namespace mp::sandbox
