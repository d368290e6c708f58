// HTTP over libcurl: a pool of easy handles, each keeping its connections
// alive, shared safely by any number of threads.
#pragma once

#include "config.hpp"
#include "error.hpp"

#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef void CURL;
typedef void CURLM;
typedef void CURLSH;
struct curl_slist;

namespace mp {

struct HttpRequest {
    std::string_view method; // "GET", "POST", ...
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string body;
    bool has_body = false;
    long timeout_ms = 0; // 0: the client's
};

struct HttpResponse {
    long status = 0;
    // Every header as "Name: value\0", one after another: one buffer rather
    // than a string per name and value, on the hot path of every call.
    std::string headers;
    std::string body;

    // Kept by the transfer: the body limit it enforces, and what it saw.
    size_t max_body = 0; // 0: no limit
    size_t header_bytes = 0;
    const char *over_limit = nullptr; // "body" or "headers" when one went over
    bool saw_status_line = false;

    // The value of a header (case-insensitive), NUL-terminated and living as
    // long as this response; nullptr when absent.
    const char *header(std::string_view name) const;
};

class Transport {
  public:
    explicit Transport(const Config &config);
    ~Transport();
    Transport(const Transport &) = delete;
    Transport &operator=(const Transport &) = delete;

    // Throws Error(Network|Timeout|Tls) when no HTTP answer was received.
    HttpResponse perform(const HttpRequest &request);

    // What one transfer came to: the answer, or the error when none came.
    struct Outcome {
        HttpResponse response;
        bool ok = false;
        ErrorKind error_kind = ErrorKind::Internal;
        std::string error_message;
    };

    // One transfer run elsewhere (the asynchronous engine's multi handle):
    // begin() takes a pooled handle and sets it up for the request (which
    // must outlive the transfer); after the caller has removed the handle
    // from its multi, end() classifies libcurl's result and gives the handle
    // back to the pool.
    struct Transfer {
        HttpResponse response;
        CURL *easy_handle() const { return easy; }

      private:
        friend class Transport;
        CURL *easy = nullptr;
        CURLM *own_multi = nullptr;
        curl_slist *headers = nullptr;
        char errbuf[256]; // CURL_ERROR_SIZE
    };
    CURL *begin(Transfer &transfer, const HttpRequest &request);
    Outcome end(Transfer &transfer, int curl_code);

    // Opens up to n connections of the pool at once (each pooled handle
    // keeps its own), with a HEAD of the base URL: any HTTP answer leaves a
    // live connection. Returns how many answered.
    int warm(int n);
    // The warm-up's request: a HEAD of the base URL, no token, connect time + 5 s.
    HttpRequest warm_request() const;

    // Held (shared) by a thread while it is inside libcurl, as every call
    // here does: see before_fork.
    struct InLibcurl {
        InLibcurl();
        ~InLibcurl();
        InLibcurl(const InLibcurl &) = delete;
        InLibcurl &operator=(const InLibcurl &) = delete;
    };
    // The fork generation: a component with libcurl state of its own
    // compares it to know that it runs in a child of fork().
    static unsigned long generation();

    // fork() safety (pthread_atfork): every live transport's locks are taken
    // before a fork and released after it on both sides, so that a child
    // never inherits a lock held by a thread it does not have.
    static void before_fork();
    static void after_fork_parent();
    static void after_fork_child();

  private:
    // A pooled easy handle and the multi handle it runs in: the multi keeps
    // the handle's live connections between calls.
    struct Pooled {
        CURL *easy = nullptr;
        CURLM *multi = nullptr;
    };
    Pooled acquire();
    void release(Pooled handle);
    Pooled new_handle();
    static void close(Pooled handle);
    // Runs one transfer to its end (curl_easy_perform's loop, done here so
    // that fork() may come between two steps; see before_fork).
    static int run(Pooled handle);
    // Sets a pooled handle up for one request; the returned list of headers
    // must stay alive until the transfer ends.
    curl_slist *setup(CURL *h, const HttpRequest &req, HttpResponse &res, char *errbuf);

    Config config_; // without the access token or the logger: a transport may be shared
    std::string user_agent_;
    CURLSH *share_ = nullptr; // the process's (DNS answers, TLS sessions)
    std::mutex pool_mutex_;
    std::vector<Pooled> idle_;
    unsigned long generation_; // fork generation that owns the pooled connections

    friend struct ShareLock;
};

} // namespace mp
