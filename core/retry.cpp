#include "retry.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <charconv>

namespace mp {

bool should_retry(const ErrorDetail &e, bool is_write, bool has_idempotency_key) {
    if (is_write && !has_idempotency_key) return false;
    return kind_is_retryable(e.kind, e.http_status);
}

namespace {

// A uniform fraction in [0, 1) from OpenSSL's generator: thread-safe, and no
// shared std::rand state between threads.
double random_fraction() {
    uint32_t r = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char *>(&r), sizeof r) != 1) return 0.5;
    return r / 4294967296.0;
}

} // namespace

long backoff_ms(const RetryPolicy &p, int retry, std::optional<long> retry_after_ms) {
    long exp = p.base_delay_ms;
    for (int i = 1; i < retry && exp < p.max_delay_ms; ++i)
        exp *= 2;
    exp = std::min(exp, p.max_delay_ms);
    long delay = exp / 2 + static_cast<long>(random_fraction() * (exp - exp / 2));
    if (retry_after_ms) delay = std::max(delay, std::min(*retry_after_ms, p.max_retry_after_ms));
    return delay;
}

std::optional<long> parse_retry_after_ms(std::string_view v) {
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ')
        v.remove_suffix(1);
    long seconds = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec != std::errc() || ptr != v.data() + v.size() || seconds < 0) return std::nullopt;
    if (seconds > 86400) seconds = 86400;
    return seconds * 1000;
}

bool RetryBudget::try_spend(ErrorKind kind) {
    int cost = kind == ErrorKind::Timeout ? kTimeoutCost : kRetryCost;
    int have = tokens_.load();
    while (have >= cost)
        if (tokens_.compare_exchange_weak(have, have - cost)) return true;
    return false;
}

void RetryBudget::on_success() {
    int have = tokens_.load();
    while (have < kCapacity && !tokens_.compare_exchange_weak(have, have + 1)) {
    }
}

} // namespace mp
