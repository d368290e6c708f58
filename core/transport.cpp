#include "transport.hpp"

#include "error.hpp"

#include <curl/curl.h>
#include <unistd.h>

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
    idle_.push_back(handle);
}

HttpResponse Transport::perform(const HttpRequest &req) {
    CURL *h = acquire();
    HttpResponse res;
    curl_slist *headers = nullptr;
    for (const std::string &line : req.headers) {
        curl_slist *next = curl_slist_append(headers, line.c_str());
        if (!next) {
            curl_slist_free_all(headers);
            release(h);
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
    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = '\0';
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);

    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &res.status);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);
    release(h);

    if (rc != CURLE_OK) {
        ErrorKind kind = kind_for_curl(rc);
        std::string what = kind == ErrorKind::Timeout ? "timed out"
                           : kind == ErrorKind::Tls   ? "TLS error"
                                                      : "network error";
        std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        throw Error(kind, what + ": " + detail);
    }
    return res;
}

} // namespace mp
