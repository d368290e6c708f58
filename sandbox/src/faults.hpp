// Fault injection, for testing clients' retries for real. Not part of the Mercado Pago API:
//   POST   /__sandbox/faults  {"method":"POST","path":"/v1/payments","status":503,"times":2,
//                            "retry_after":1,"delay_ms":0,"drop":false}
//   GET    /__sandbox/faults  pending faults;  DELETE /__sandbox/faults  clears them.
// The next `times` requests matching method (any when absent) and path (exact, a prefix when it
// ends in '*', any when absent) are first delayed by delay_ms, then either dropped (connection
// closed without an answer), or answered with `status` in the error envelope (429 and 503 carry
// Retry-After), or else served normally. A faulted request touches no state.
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
    std::string method; // empty: any
    std::string path;   // empty: any; "/v1/*": a prefix
    int status = 0;     // 0: no error answer
    int retry_after = -1;
    int delay_ms = 0;
    bool drop = false;
    int times = 1;

    static Fault from_json(const json &body); // throws ApiError 400
    json to_json() const;
    bool matches(std::string_view method, std::string_view path) const;
};

class Faults {
  public:
    void add(Fault fault);
    void clear();
    json list();
    // The first fault matching the request, with one of its uses consumed.
    std::optional<Fault> take(std::string_view method, std::string_view path);

  private:
    std::mutex mutex_;
    std::deque<Fault> faults_;
    std::atomic<bool> armed_{false}; // lets the common case skip the lock
};

// Registers the /__sandbox/faults control routes.
void add_fault_routes(Router &router, Faults &faults);

} // namespace mp::sandbox
