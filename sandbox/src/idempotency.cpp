#include "idempotency.hpp"

#include <iterator>

#include "util.hpp"

namespace mp::sandbox {

namespace {

constexpr int64_t kRetentionMs = 24LL * 3600 * 1000;

std::string entry_key(const std::string &scope, const std::string &key) {
    return scope + '\n' + key;
}

// JSON bodies in a canonical form (objects sorted, no blanks); anything else as sent.
std::string canonical(const std::string &body) {
    auto parsed = json::parse(body, nullptr, false);
    return parsed.is_discarded() ? body : to_text(parsed);
}

} // namespace

Idempotency::Idempotency(std::chrono::milliseconds lock_wait) : lock_wait_(lock_wait) {}

Idempotency::Claim Idempotency::begin(const std::string &scope, const std::string &key,
                                      const std::string &method, const std::string &path,
                                      const std::string &body) {
    std::string id = entry_key(scope, key);
    std::string normal = canonical(body);
    std::unique_lock lock(mutex_);
    prune(now_ms());
    auto deadline = std::chrono::steady_clock::now() + lock_wait_;
    while (true) {
        auto it = entries_.find(id);
        if (it == entries_.end()) {
            entries_.emplace(id, Entry{method, path, std::move(normal), false, {}, 0});
            return {Outcome::Proceed, {}};
        }
        const Entry &entry = it->second;
        if (entry.method != method || entry.path != path || entry.body != normal)
            return {Outcome::Conflict, {}};
        if (entry.done) return {Outcome::Replay, entry.response};
        if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
            auto again = entries_.find(id);
            if (again != entries_.end() && !again->second.done) return {Outcome::Locked, {}};
        }
    }
}

void Idempotency::complete(const std::string &scope, const std::string &key, std::string response) {
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(entry_key(scope, key));
        if (it == entries_.end()) return;
        it->second.done = true;
        it->second.response = std::move(response);
        it->second.stored_ms = now_ms();
    }
    changed_.notify_all();
}

void Idempotency::abandon(const std::string &scope, const std::string &key) {
    {
        std::lock_guard lock(mutex_);
        entries_.erase(entry_key(scope, key));
    }
    changed_.notify_all();
}

void Idempotency::clear() {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();)
        it = it->second.done ? entries_.erase(it) : std::next(it);
}

void Idempotency::prune(int64_t now) {
    if (now - last_prune_ms_ < 60'000) return;
    last_prune_ms_ = now;
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.done && now - it->second.stored_ms > kRetentionMs)
            it = entries_.erase(it);
        else
            ++it;
    }
}

} // namespace mp::sandbox
