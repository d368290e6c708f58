#include "faults.hpp"

#include "errors.hpp"

namespace mp::sandbox {

namespace {

int int_field(const json &body, const char *key, int fallback, int min, int max) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return fallback;
    if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max)
        throw bad_request(1, std::string(key) + " must be an integer from " + std::to_string(min) +
                                 " to " + std::to_string(max));
    return it->get<int>();
}

} // namespace

Fault Fault::from_json(const json &body) {
    Fault fault;
    fault.method = optional_string(body, "method", 1).value_or("");
    fault.path = optional_string(body, "path", 1).value_or("");
    fault.status = int_field(body, "status", 0, 400, 599);
    fault.retry_after = int_field(body, "retry_after", -1, 0, 3600);
    fault.delay_ms = int_field(body, "delay_ms", 0, 0, 60'000);
    fault.times = int_field(body, "times", 1, 1, 1'000'000);
    if (body.contains("drop") && !body["drop"].is_null()) {
        if (!body["drop"].is_boolean()) throw bad_request(1, "drop must be a boolean");
        fault.drop = body["drop"].get<bool>();
    }
    if (fault.status == 0 && !fault.drop && fault.delay_ms == 0)
        throw bad_request(1, "a fault needs a status, drop or delay_ms");
    if (fault.retry_after < 0 && (fault.status == 429 || fault.status == 503))
        fault.retry_after = 1;
    return fault;
}

json Fault::to_json() const {
    return {{"method", method.empty() ? json(nullptr) : json(method)},
            {"path", path.empty() ? json(nullptr) : json(path)},
            {"status", status ? json(status) : json(nullptr)},
            {"retry_after", retry_after >= 0 ? json(retry_after) : json(nullptr)},
            {"delay_ms", delay_ms},
            {"drop", drop},
            {"times", times}};
}

bool Fault::matches(std::string_view m, std::string_view p) const {
    if (!method.empty() && method != m) return false;
    if (path.empty()) return true;
    if (path.back() == '*')
        return p.substr(0, path.size() - 1) == std::string_view(path).substr(0, path.size() - 1);
    return path == p;
}

void Faults::add(Fault fault) {
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
    armed_ = true;
}

void Faults::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
    armed_ = false;
}

json Faults::list() {
    std::lock_guard lock(mutex_);
    json out = json::array();
    for (const auto &fault : faults_)
        out.push_back(fault.to_json());
    return out;
}

void add_fault_routes(Router &router, Faults &faults) {
    router.add("POST", "/__sandbox/faults", kNoAuth, [&faults](Context &ctx) {
        Fault fault = Fault::from_json(ctx.body_object(1));
        json out = fault.to_json();
        faults.add(std::move(fault));
        return Reply{201, to_text(out)};
    });
    router.add("GET", "/__sandbox/faults", kNoAuth, [&faults](Context &) {
        return Reply{200, to_text(faults.list())};
    });
    router.add("DELETE", "/__sandbox/faults", kNoAuth, [&faults](Context &) {
        faults.clear();
        return Reply{200, "[]"};
    });
}

std::optional<Fault> Faults::take(std::string_view method, std::string_view path) {
    if (!armed_.load(std::memory_order_relaxed)) return std::nullopt;
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (!it->matches(method, path)) continue;
        Fault taken = *it;
        if (--it->times == 0) faults_.erase(it);
        armed_ = !faults_.empty();
        return taken;
    }
    return std::nullopt;
}

} // namespace mp::sandbox
