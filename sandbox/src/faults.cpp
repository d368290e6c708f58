#include "faults.hpp"

#include <charconv>

#include "errors.hpp"

namespace mp::sandbox {

namespace {

constexpr int kMaxDelayMs = kMaxFaultDelayMs;
constexpr int kMaxRetryAfter = kMaxFaultRetryAfter;
constexpr size_t kMaxFaults = kMaxFaultsPerSequence;

// A whole decimal number in [min, max].
std::optional<int> number_in(std::string_view text, int min, int max) {
    int value = 0;
    if (text.empty() || text.size() > 9) return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (value < min || value > max) return std::nullopt;
    return value;
}

} // namespace

std::optional<Fault> Fault::parse(std::string_view text) {
    Fault fault;
    fault.text = std::string(text);
    if (text == "ok") {
        fault.kind = Kind::Ok;
    } else if (text == "stall") {
        fault.kind = Kind::Stall;
    } else if (text == "reset_before") {
        fault.kind = Kind::ResetBefore;
    } else if (text == "reset_after") {
        fault.kind = Kind::ResetAfter;
    } else if (text == "truncate") {
        fault.kind = Kind::Truncate;
    } else if (text.rfind("delay:", 0) == 0) {
        auto ms = number_in(text.substr(6), 0, kMaxDelayMs);
        if (!ms) return std::nullopt;
        fault.kind = Kind::Delay;
        fault.delay_ms = *ms;
    } else if (text.size() > 4 && text[3] == ':') {
        auto status = number_in(text.substr(0, 3), 400, 599);
        auto seconds = number_in(text.substr(4), 0, kMaxRetryAfter);
        if (!status || !seconds) return std::nullopt;
        fault.kind = Kind::Status;
        fault.status = *status;
        fault.retry_after = *seconds;
    } else {
        auto status = text.size() == 3 ? number_in(text, 400, 599) : std::nullopt;
        if (!status) return std::nullopt;
        fault.kind = Kind::Status;
        fault.status = *status;
    }
    return fault;
}

std::string Fault::describe() const {
    switch (kind) {
    case Kind::Ok:
        return "ok";
    // Appended, not "literal" + std::string: GCC 12's -Wrestrict misreads that at -O2.
    case Kind::Status: {
        std::string text = std::to_string(status);
        if (retry_after >= 0) text.append(":").append(std::to_string(retry_after));
        return text;
    }
    case Kind::Delay:
        return std::string("delay:").append(std::to_string(delay_ms));
    case Kind::Stall:
        return "stall";
    case Kind::ResetBefore:
        return "reset_before";
    case Kind::ResetAfter:
        return "reset_after";
    case Kind::Truncate:
        return "truncate";
    }
    return "ok";
}

FaultSequence FaultSequence::from_json(const json &body) {
    FaultSequence sequence;
    sequence.method = optional_string(body, "method", 1).value_or("");
    for (char &c : sequence.method)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    sequence.path = optional_string(body, "path", 1).value_or("");
    if (!sequence.path.empty() && sequence.path.front() != '/')
        throw bad_request(1, "path must start with '/'");
    auto faults = body.find("faults");
    if (faults == body.end() || !faults->is_array() || faults->empty())
        throw bad_request(1, "faults must be a non-empty array of strings");
    if (faults->size() > kMaxFaults)
        throw bad_request(1, "faults may hold at most " + std::to_string(kMaxFaults) + " entries");
    for (const auto &item : *faults) {
        auto fault =
            item.is_string() ? Fault::parse(item.get_ref<const std::string &>()) : std::nullopt;
        if (!fault)
            throw bad_request(1, "Invalid fault " + to_text(item) +
                                     ": use \"ok\", a status from \"400\" to \"599\", "
                                     "\"<status>:<seconds>\", \"delay:<ms>\", \"stall\", "
                                     "\"reset_before\", \"reset_after\" or \"truncate\"");
        sequence.faults.push_back(std::move(*fault));
    }
    return sequence;
}

json FaultSequence::to_json() const {
    json list = json::array();
    for (const auto &fault : faults)
        list.push_back(fault.text);
    return {{"method", method.empty() ? json(nullptr) : json(method)},
            {"path", path.empty() ? json(nullptr) : json(path)},
            {"faults", std::move(list)}};
}

bool FaultSequence::matches(std::string_view m, std::string_view p) const {
    if (!method.empty() && method != m) return false;
    return p.substr(0, path.size()) == path;
}

void Faults::add(FaultSequence sequence) {
    std::lock_guard lock(mutex_);
    sequences_.push_back(std::move(sequence));
    armed_ = true;
}

void Faults::clear() {
    std::lock_guard lock(mutex_);
    sequences_.clear();
    armed_ = false;
}

json Faults::list() {
    std::lock_guard lock(mutex_);
    json out = json::array();
    for (const auto &sequence : sequences_)
        out.push_back(sequence.to_json());
    return out;
}

std::optional<Fault> Faults::take(std::string_view method, std::string_view path) {
    if (!armed_.load(std::memory_order_relaxed)) return std::nullopt;
    std::lock_guard lock(mutex_);
    for (auto it = sequences_.begin(); it != sequences_.end(); ++it) {
        if (!it->matches(method, path)) continue;
        Fault taken = std::move(it->faults.front());
        it->faults.pop_front();
        if (it->faults.empty()) sequences_.erase(it);
        armed_ = !sequences_.empty();
        return taken;
    }
    return std::nullopt;
}

void add_fault_routes(Router &router, Faults &faults) {
    router.add("POST", "/__sandbox/faults", kNoAuth, [&faults](Context &ctx) {
        FaultSequence sequence = FaultSequence::from_json(ctx.body_object(1));
        json out = sequence.to_json();
        faults.add(std::move(sequence));
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

} // namespace mp::sandbox
