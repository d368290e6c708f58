#include "webhooks.hpp"

#include <array>
#include <cstdio>

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace mp::sandbox {

namespace {

constexpr std::array<std::chrono::milliseconds, 3> kRetryDelays{
    std::chrono::milliseconds(500), std::chrono::seconds(2), std::chrono::seconds(5)};

struct UrlParts {
    std::string origin; // scheme://host[:port]
    std::string target; // path?query
    std::string host;
};

bool split_url(const std::string &url, UrlParts &out) {
    size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    std::string scheme = to_lower(url.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return false;
    size_t authority_start = scheme_end + 3;
    size_t path_start = url.find_first_of("/?#", authority_start);
    std::string authority = url.substr(authority_start, path_start - authority_start);
    if (authority.empty() || authority.find('@') != std::string::npos) return false;
    std::string host;
    if (authority.front() == '[') {
        size_t close = authority.find(']');
        if (close == std::string::npos) return false;
        host = authority.substr(1, close - 1);
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    if (host.empty()) return false;
    out.origin = scheme + "://" + authority;
    out.host = to_lower(host);
    std::string rest = path_start == std::string::npos ? "/" : url.substr(path_start);
    rest = rest.substr(0, rest.find('#'));
    if (rest.empty() || rest.front() == '?') rest = "/" + rest;
    out.target = rest;
    return true;
}

} // namespace

std::string webhook_signature(const std::string &secret, const std::string &data_id,
                              const std::string &request_id, const std::string &ts) {
    std::string manifest = "id:" + data_id + ";request-id:" + request_id + ";ts:" + ts + ";";
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char *>(manifest.data()), manifest.size(), mac, &length);
    std::string hex;
    char byte[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(byte, sizeof byte, "%02x", mac[i]);
        hex += byte;
    }
    return hex;
}

bool is_http_url(const std::string &url) {
    UrlParts parts;
    if (!split_url(url, parts)) return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= ' ') return false;
    return true;
}

bool is_loopback_url(const std::string &url) {
    UrlParts parts;
    if (!split_url(url, parts)) return false;
    return parts.host == "127.0.0.1" || parts.host == "::1" || parts.host == "localhost";
}

Webhooks::Webhooks(std::string secret) : secret_(std::move(secret)), worker_([this] { run(); }) {}

Webhooks::~Webhooks() {
    stop();
}

void Webhooks::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (current_) current_->stop();
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void Webhooks::payment_event(const json &payment, int64_t collector, const char *action) {
    auto url = payment.find("notification_url");
    if (url == payment.end() || !url->is_string()) return;
    event(url->get<std::string>(), "payment", std::to_string(payment.at("id").get<int64_t>()),
          payment.value("live_mode", false), collector, action);
}

void Webhooks::event(const std::string &url, const std::string &type, const std::string &data_id,
                     bool live_mode, int64_t collector, const std::string &action) {
    if (!is_loopback_url(url)) return;
    Delivery delivery;
    delivery.url = url;
    delivery.data_id = data_id;
    delivery.type = type;
    delivery.body = {{"live_mode", live_mode}, {"type", type},     {"user_id", collector},
                     {"api_version", "v1"},    {"action", action}, {"data", {{"id", data_id}}}};
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        queue_.emplace(std::chrono::steady_clock::now(), std::move(delivery));
    }
    wake_.notify_all();
}

void Webhooks::run() {
    block_sigpipe_in_this_thread();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (queue_.empty()) {
            wake_.wait(lock);
            continue;
        }
        auto due = queue_.begin()->first;
        if (std::chrono::steady_clock::now() < due) {
            wake_.wait_until(lock, due);
            continue;
        }
        Delivery delivery = std::move(queue_.begin()->second);
        queue_.erase(queue_.begin());
        lock.unlock();
        bool ok = deliver(delivery);
        lock.lock();
        if (!ok && !stopping_ && delivery.attempt < static_cast<int>(kRetryDelays.size())) {
            auto delay = kRetryDelays[static_cast<size_t>(delivery.attempt)];
            ++delivery.attempt;
            queue_.emplace(std::chrono::steady_clock::now() + delay, std::move(delivery));
        }
    }
}

bool Webhooks::deliver(const Delivery &delivery) {
    UrlParts parts;
    if (!split_url(delivery.url, parts)) return true; // nothing to retry
    int64_t now = now_ms();
    std::string request_id = uuid4();
    std::string ts = std::to_string(now / 1000);
    json body = delivery.body;
    body["id"] = static_cast<int64_t>(random_u64() % 90'000'000'000ULL) + 10'000'000'000LL;
    body["date_created"] = format_date(now);

    httplib::Headers headers{{"User-Agent", "MercadoPago WebHook v1.0 " + delivery.type},
                             {"X-Request-Id", request_id}};
    if (!secret_.empty())
        headers.emplace("X-Signature",
                        "ts=" + ts +
                            ",v1=" + webhook_signature(secret_, delivery.data_id, request_id, ts));
    std::string target = parts.target;
    target += target.find('?') == std::string::npos ? '?' : '&';
    target += "data.id=" + delivery.data_id + "&type=" + delivery.type;

    httplib::Client client(parts.origin);
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(22));
    client.set_write_timeout(std::chrono::seconds(5));
    client.enable_server_certificate_verification(false); // loopback receivers, any cert
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return true;
        current_ = &client;
    }
    auto result = client.Post(target, headers, to_text(body), "application/json");
    {
        std::lock_guard lock(mutex_);
        current_ = nullptr;
    }
    return result && (result->status == 200 || result->status == 201);
}

} // namespace mp::sandbox
