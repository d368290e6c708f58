// HTTP over libcurl: a pool of easy handles, each keeping its connections
// alive, shared safely by any number of threads.
#pragma once

#include "config.hpp"

#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef void CURL;
typedef void CURLSH;

namespace mp {

struct HttpRequest {
    std::string_view method;          // "GET", "POST", ...
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string_view body;
    bool has_body = false;
    long timeout_ms = 0;              // 0: the client's
};

struct HttpResponse {
    long status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Case-insensitive; nullptr when absent.
    const std::string *header(std::string_view name) const;
};

class Transport {
  public:
    explicit Transport(const Config &config);
    ~Transport();
    Transport(const Transport &) = delete;
    Transport &operator=(const Transport &) = delete;

    // Throws Error(Network|Timeout|Tls) when no HTTP answer was received.
    HttpResponse perform(const HttpRequest &request);

  private:
    CURL *acquire();
    void release(CURL *handle);
    CURL *new_handle();

    Config config_;
    std::string user_agent_;
    CURLSH *share_ = nullptr;
    std::mutex share_locks_[8];
    std::mutex pool_mutex_;
    std::vector<CURL *> idle_;
    long pid_; // the process that owns the pooled connections

    friend struct ShareLock;
};

} // namespace mp
