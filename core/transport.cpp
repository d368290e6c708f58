#include "transport.hpp"

#include "error.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <strings.h>

namespace mp {

const std::string *HttpResponse::header(std::string_view name) const {
    for (const auto &[k, v] : headers)
        if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0)
            return &v;
    return nullptr;
}

namespace {

size_t on_body(char *data, size_t size, size_t n, void *userdata) {
    static_cast<HttpResponse *>(userdata)->body.append(data, size * n);
    return size * n;
}

size_t on_header(char *data, size_t size, size_t n, void *userdata) {
    auto *res = static_cast<HttpResponse *>(userdata);
    std::string_view line(data, size * n);
    if (line.substr(0, 5) == "HTTP/") { // a new status line: an interim answer came first
        res->headers.clear();
        return size * n;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' '))
            s.remove_suffix(1);
        return s;
    };
    res->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                              std::string(trim(line.substr(colon + 1))));
    return size * n;
}

ErrorKind kind_for_curl(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return ErrorKind::Timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED: return ErrorKind::Tls;
    case CURLE_OUT_OF_MEMORY: return ErrorKind::NoMemory;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: return ErrorKind::InvalidArgument;
    default: return ErrorKind::Network;
    }
}

void share_lock(CURL *, curl_lock_data data, curl_lock_access, void *userptr) {
    static_cast<std::mutex *>(userptr)[data & 7].lock();
}

void share_unlock(CURL *, curl_lock_data data, void *userptr) {
    static_cast<std::mutex *>(userptr)[data & 7].unlock();
}

void global_init() {
    // curl_global_init is not thread-safe on every libcurl: do it exactly once.
    static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK) throw Error(ErrorKind::Internal, "libcurl could not be initialised");
}

CURLSH *new_share(std::mutex *locks) {
    CURLSH *share = curl_share_init();
    if (!share) throw Error(ErrorKind::NoMemory, "out of memory");
    // DNS answers and TLS sessions are shared by all pooled handles; each
    // handle keeps its own live connections.
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, share_lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, share_unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, locks);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return share;
}

} // namespace

Transport::Transport(const Config &config) : config_(config), pid_(getpid()) {
    global_init();
    user_agent_ = "libmercadopago/" MP_CORE_VERSION;
    if (!config_.user_agent_suffix.empty()) user_agent_ += " " + config_.user_agent_suffix;
    share_ = new_share(share_locks_);
}

Transport::~Transport() {
    // After a fork() the pooled handles belong to the parent's connections:
    // closing them here would send TLS close-notify on the parent's sockets.
    if (getpid() != pid_) return;
    for (CURL *h : idle_) curl_easy_cleanup(h);
    curl_share_cleanup(share_);
}

CURL *Transport::new_handle() {
    CURL *h = curl_easy_init();
    if (!h) throw Error(ErrorKind::NoMemory, "out of memory");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SHARE, share_);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    // Less than one byte a second for this long counts as a stall (a timeout).
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, std::max(1L, (config_.stall_timeout_ms + 999) / 1000));
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    if (!config_.ca_pem.empty()) {
        curl_blob blob{config_.ca_pem.data(), config_.ca_pem.size(), CURL_BLOB_COPY};
        curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
    } else if (!config_.ca_file.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
    }
    if (!config_.proxy.empty()) curl_easy_setopt(h, CURLOPT_PROXY, config_.proxy.c_str());
    return h;
}

CURL *Transport::acquire() {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    long pid = getpid();
    if (pid != pid_) {
        // A child of fork(): forget (never close) the parent's connections
        // and TLS sessions, and start a pool of its own.
        idle_.clear();
        share_ = new_share(share_locks_);
        pid_ = pid;
    }
    if (!idle_.empty()) {
        CURL *h = idle_.back();
        idle_.pop_back();
        return h;
    }
    return new_handle();
}

void Transport::release(CURL *handle) {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (getpid() != pid_) return; // forked while in flight: not ours to pool
    // A batch may have borrowed many handles: keep enough for the usual
    // concurrency and close the rest.
    if (idle_.size() >= kMaxIdleHandles) {
        curl_easy_cleanup(handle);
        return;
    }
    idle_.push_back(handle);
}

curl_slist *Transport::setup(CURL *h, const HttpRequest &req, HttpResponse &res, char *errbuf) {
    curl_slist *headers = nullptr;
    for (const std::string &line : req.headers) {
        curl_slist *next = curl_slist_append(headers, line.c_str());
        if (!next) {
            curl_slist_free_all(headers);
            throw Error(ErrorKind::NoMemory, "out of memory");
        }
        headers = next;
    }
    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
    if (req.has_body || req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
        // POSTFIELDS makes a POST; CUSTOMREQUEST renames it to PUT/PATCH/DELETE.
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    // libcurl copies string options, so a temporary is fine here.
    std::string custom(req.method == "GET" || req.method == "POST" ? "" : req.method);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom.empty() ? nullptr : custom.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, req.timeout_ms > 0 ? req.timeout_ms : config_.timeout_ms);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &res);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &res);
    errbuf[0] = '\0';
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    return headers;
}

namespace {

// After a transfer: detach what pointed into the caller's memory.
void finish(CURL *h, curl_slist *headers, HttpResponse &res) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &res.status);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, 0L);
    curl_slist_free_all(headers);
}

std::string describe(ErrorKind kind, CURLcode rc, const char *errbuf) {
    std::string what = kind == ErrorKind::Timeout ? "timed out"
                       : kind == ErrorKind::Tls   ? "TLS error"
                                                  : "network error";
    return what + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
}

} // namespace

HttpResponse Transport::perform(const HttpRequest &req) {
    CURL *h = acquire();
    HttpResponse res;
    char errbuf[CURL_ERROR_SIZE];
    curl_slist *headers;
    try {
        headers = setup(h, req, res, errbuf);
    } catch (...) {
        release(h);
        throw;
    }
    CURLcode rc = curl_easy_perform(h);
    finish(h, headers, res);
    release(h);
    if (rc != CURLE_OK) {
        ErrorKind kind = kind_for_curl(rc);
        throw Error(kind, describe(kind, rc, errbuf));
    }
    return res;
}

std::vector<Transport::Outcome> Transport::perform_many(const std::vector<const HttpRequest *> &requests,
                                                        long max_in_flight) {
    struct Transfer {
        CURL *handle = nullptr;
        curl_slist *headers = nullptr;
        char errbuf[CURL_ERROR_SIZE];
    };
    std::vector<Outcome> out(requests.size());
    std::vector<Transfer> transfers(requests.size());
    CURLM *multi = curl_multi_init();
    if (!multi) throw Error(ErrorKind::NoMemory, "out of memory");
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_in_flight > 0 ? max_in_flight : 16L);

    size_t added = 0;
    try {
        for (size_t i = 0; i < requests.size(); ++i) {
            Transfer &t = transfers[i];
            t.handle = acquire();
            t.headers = setup(t.handle, *requests[i], out[i].response, t.errbuf);
            // Wait for a multiplexed HTTP/2 connection rather than open more.
            curl_easy_setopt(t.handle, CURLOPT_PIPEWAIT, 1L);
            curl_easy_setopt(t.handle, CURLOPT_PRIVATE, reinterpret_cast<char *>(i));
            curl_multi_add_handle(multi, t.handle);
            ++added;
        }
        int running = 0;
        do {
            CURLMcode mc = curl_multi_perform(multi, &running);
            if (mc == CURLM_OK && running) mc = curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
            if (mc != CURLM_OK) throw Error(ErrorKind::Internal, curl_multi_strerror(mc));
            int queued = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
                if (msg->msg != CURLMSG_DONE) continue;
                char *priv = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
                size_t i = reinterpret_cast<size_t>(priv);
                CURLcode rc = msg->data.result;
                out[i].ok = rc == CURLE_OK;
                if (rc != CURLE_OK) {
                    out[i].error_kind = kind_for_curl(rc);
                    out[i].error_message = describe(out[i].error_kind, rc, transfers[i].errbuf);
                }
            }
        } while (running);
    } catch (...) {
        for (size_t i = 0; i < requests.size(); ++i) {
            if (!transfers[i].handle) continue;
            if (i < added) curl_multi_remove_handle(multi, transfers[i].handle);
            finish(transfers[i].handle, transfers[i].headers, out[i].response);
            release(transfers[i].handle);
        }
        curl_multi_cleanup(multi);
        throw;
    }
    for (size_t i = 0; i < requests.size(); ++i) {
        curl_multi_remove_handle(multi, transfers[i].handle);
        finish(transfers[i].handle, transfers[i].headers, out[i].response);
        release(transfers[i].handle);
    }
    curl_multi_cleanup(multi);
    return out;
}

} // namespace mp
