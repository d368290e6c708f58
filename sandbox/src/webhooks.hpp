// Webhook deliveries (sandbox/README.md describes the body): POST
// <notification_url>?data.id=<id>&type=<type> with
// x-request-id and, when a secret is set, x-signature "ts=<s>,v1=<hex HMAC-SHA256 of
// id:<data.id>;request-id:<x-request-id>;ts:<ts>;>". Only loopback URLs are called. Failed
// deliveries (no 200/201) are retried after 0.5 s, 2 s and 5 s, each re-signed with a new ts,
// notification id and request id.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "util.hpp"

namespace httplib {
class Client;
}

namespace mp::sandbox {

// "id:<data_id>;request-id:<request_id>;ts:<ts>;" signed with HMAC-SHA256, lowercase hex.
std::string webhook_signature(const std::string &secret, const std::string &data_id,
                              const std::string &request_id, const std::string &ts);

// An absolute http(s) URL with a host and no blanks.
bool is_http_url(const std::string &url);
// True for http(s) URLs whose host is 127.0.0.1, ::1 or localhost.
bool is_loopback_url(const std::string &url);

class Webhooks {
  public:
    explicit Webhooks(std::string secret);
    ~Webhooks();
    Webhooks(const Webhooks &) = delete;
    Webhooks &operator=(const Webhooks &) = delete;

    // Queues payment.created / payment.updated for the payment's notification_url, if any.
    void payment_event(const json &payment, int64_t collector, const char *action);
    // Queues a notification of `type` ("payment", "order", ...) about resource `data_id` for
    // `url`, when it is a loopback URL.
    void event(const std::string &url, const std::string &type, const std::string &data_id,
               bool live_mode, int64_t collector, const std::string &action);

    void stop();

  private:
    struct Delivery {
        std::string url;
        std::string data_id;
        std::string type;
        json body;
        int attempt = 0;
    };

    void run();
    bool deliver(const Delivery &delivery);

    std::string secret_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<std::chrono::steady_clock::time_point, Delivery> queue_;
    bool stopping_ = false;
    httplib::Client *current_ = nullptr; // the client of the delivery in progress, for stop()
    std::thread worker_;
};

} // namespace mp::sandbox
