// Fault injection, for testing clients' retries for real. Not part of the Mercado Pago API.
// Armed over HTTP (the mp-sandbox program) or from C (mp_sandbox_fault_arm, capi.cpp):
//   POST   /__sandbox/faults
//   {"method":"POST","path":"/v1/payments","faults":["reset_after","503","ok"]} GET
//   /__sandbox/faults  the pending sequences;  DELETE /__sandbox/faults  clears them.
// Each POST arms a sequence for requests whose method matches (any when absent) and whose path
// starts with `path` (any when absent). A request takes the next fault of the first armed
// sequence that matches; a sequence is gone once consumed. Faults:
//   "ok"             serve normally
//   "<status>"       that status (400-599) in the error envelope; no state touched
//   "<status>:<s>"   the same with Retry-After: <s> (e.g. "429:1")
//   "delay:<ms>"     wait, then serve normally
//   "stall"          never answer: hold the connection until the client leaves or the sandbox stops
//   "reset_before"   close the connection before doing anything
//   "reset_after"    do the work (committed, idempotency key recorded), then close without answer
//   "truncate"       do the work, send headers with the full Content-Length and half the body,
//   close
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "router.hpp"
#include "util.hpp"

namespace mp::sandbox {

struct Fault {
    enum class Kind { Ok, Status, Delay, Stall, ResetBefore, ResetAfter, Truncate };
    Kind kind = Kind::Ok;
    int status = 0;       // Kind::Status
    int retry_after = -1; // Kind::Status, "429:<s>"
    int delay_ms = 0;     // Kind::Delay
    std::string text;     // as armed, or as it would be written over HTTP

    static std::optional<Fault> parse(std::string_view text);
    // Its text form ("503", "429:1", "delay:100", ...), from the fields above.
    std::string describe() const;
};

// Limits of the fault fields (both ways of arming).
constexpr int kMaxFaultDelayMs = 600'000;
constexpr int kMaxFaultRetryAfter = 86'400;
constexpr size_t kMaxFaultsPerSequence = 10'000;

struct FaultSequence {
    std::string method; // empty: any
    std::string path;   // a prefix; empty: any
    std::deque<Fault> faults;

    static FaultSequence from_json(const json &body); // throws ApiError 400
    json to_json() const;
    bool matches(std::string_view method, std::string_view path) const;
};

class Faults {
  public:
    void add(FaultSequence sequence);
    void clear();
    json list();
    // The next fault of the first sequence matching the request, consumed.
    std::optional<Fault> take(std::string_view method, std::string_view path);

  private:
    std::mutex mutex_;
    std::deque<FaultSequence> sequences_;
    std::atomic<bool> armed_{false}; // lets the common case skip the lock
};

// Registers the /__sandbox/faults control routes.
void add_fault_routes(Router &router, Faults &faults);

} // namespace mp::sandbox
