#include "transport.hpp"

#include "ascii.hpp"
#include "error.hpp"

#include <curl/curl.h>
#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstring>
#include <unistd.h>

namespace mp {

using InLibcurl = Transport::InLibcurl;

const char *HttpResponse::header(std::string_view name) const {
    for (size_t at = 0; at < headers.size();) {
        const char *line = headers.c_str() + at;
        size_t len = std::strlen(line);
        if (len > name.size() && line[name.size()] == ':' &&
            iequals(std::string_view(line, name.size()), name)) {
            const char *v = line + name.size() + 1;
            while (*v == ' ')
                ++v;
            return v;
        }
        at += len + 1;
    }
    return nullptr;
}

namespace {

// Bumped in every child of fork(): cheaper than asking getpid() on each call.
std::atomic<unsigned long> fork_generation{0};

// Every live transport, for the fork handlers. Never destroyed: a fork
// handler may run while static destructors do.
std::mutex &registry_mutex() {
    static auto *m = new std::mutex;
    return *m;
}
std::vector<Transport *> &registry() {
    static auto *v = new std::vector<Transport *>;
    return *v;
}

constexpr size_t kMaxResponseHeaderBytes = 256 << 10;

// Held shared by every thread while it is inside libcurl (and so inside
// OpenSSL), and exclusively around fork(): a child never inherits a lock
// that one of our threads held inside OpenSSL, which the child's first TLS
// handshake would then wait for forever. Threads wait on sockets without it
// (run()), so a fork waits for one step of each transfer, not for whole
// calls. Writers first, so that busy threads cannot starve a fork.
pthread_rwlock_t fork_lock = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;

} // namespace

Transport::InLibcurl::InLibcurl() {
    pthread_rwlock_rdlock(&fork_lock);
}
Transport::InLibcurl::~InLibcurl() {
    pthread_rwlock_unlock(&fork_lock);
}
unsigned long Transport::generation() {
    return fork_generation.load();
}

namespace {

// One share for the whole process: DNS answers and TLS sessions, so that a
// new client (a PHP-FPM request's, a short script's) resumes the TLS session
// of an earlier one instead of a full handshake. libcurl resumes a session
// only for the same host, port and TLS settings (the CA included).
struct ProcessShare {
    CURLSH *share = nullptr;
    std::mutex locks[8];
    unsigned long generation = 0;
};
std::mutex &process_share_mutex() {
    static auto *m = new std::mutex;
    return *m;
}
ProcessShare *&process_share_slot() {
    static ProcessShare *s = nullptr;
    return s;
}

} // namespace

// Lock order, here and in every thread: the fork lock, the registry, a
// transport's pool, then the process share and its locks in index order. No
// thread takes the fork lock while it holds a pool.
void Transport::before_fork() {
    pthread_rwlock_wrlock(&fork_lock);
    registry_mutex().lock();
    for (Transport *t : registry())
        t->pool_mutex_.lock();
    process_share_mutex().lock();
    if (ProcessShare *s = process_share_slot())
        for (std::mutex &m : s->locks)
            m.lock();
}

namespace {
void unlock_share_after_fork() {
    if (ProcessShare *s = process_share_slot())
        for (std::mutex &m : s->locks)
            m.unlock();
    process_share_mutex().unlock();
}
} // namespace

namespace {
void unlock_after_fork(std::vector<Transport *> &transports, std::mutex &registry,
                       void (*unlock_transport)(Transport *)) {
    for (Transport *t : transports)
        unlock_transport(t);
    registry.unlock();
}
} // namespace

void Transport::after_fork_parent() {
    unlock_share_after_fork();
    unlock_after_fork(registry(), registry_mutex(), [](Transport *t) { t->pool_mutex_.unlock(); });
    pthread_rwlock_unlock(&fork_lock);
}

void Transport::after_fork_child() {
    fork_generation.fetch_add(1);
    unlock_share_after_fork();
    unlock_after_fork(registry(), registry_mutex(), [](Transport *t) { t->pool_mutex_.unlock(); });
    // A write-locked rwlock cannot be unlocked by the child (glibc checks the
    // writer's thread id, which fork changed): start it anew.
    pthread_rwlock_t fresh = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
    fork_lock = fresh;
}

namespace {

// Returning less than n makes libcurl end the transfer (CURLE_WRITE_ERROR):
// nothing over the limits is ever held in memory.
size_t on_body(char *data, size_t size, size_t n, void *userdata) {
    auto *res = static_cast<HttpResponse *>(userdata);
    if (res->max_body && size * n > res->max_body - res->body.size()) {
        res->over_limit = "body";
        return 0;
    }
    res->body.append(data, size * n);
    return size * n;
}

size_t on_header(char *data, size_t size, size_t n, void *userdata) {
    auto *res = static_cast<HttpResponse *>(userdata);
    res->header_bytes += size * n;
    if (res->header_bytes > kMaxResponseHeaderBytes) {
        res->over_limit = "headers";
        return 0;
    }
    std::string_view line(data, size * n);
    if (line.substr(0, 5) == "HTTP/") { // a new status line: an interim answer came first
        res->saw_status_line = true;
        res->headers.clear();
        res->headers.reserve(512);
        return size * n;
    }
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' '))
        line.remove_suffix(1);
    if (line.find(':') == std::string_view::npos) return size * n;
    res->headers.append(line).push_back('\0');
    // Size the body once instead of growing it chunk by chunk.
    if (line.size() > 15 && iequals(line.substr(0, 15), "Content-Length:")) {
        unsigned long len = std::strtoul(std::string(line.substr(15)).c_str(), nullptr, 10);
        if (len > 0 && len <= res->max_body) res->body.reserve(len);
    }
    return size * n;
}

ErrorKind kind_for_curl(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return ErrorKind::Timeout;
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
    case CURLE_USE_SSL_FAILED:
        return ErrorKind::Tls;
    case CURLE_OUT_OF_MEMORY:
        return ErrorKind::NoMemory;
    case CURLE_FAILED_INIT:
        return ErrorKind::Internal;
    case CURLE_URL_MALFORMAT:
        return ErrorKind::InvalidArgument;
    // The URL's scheme was checked before: this is an answer with no status
    // line (HTTP/0.9), or one libcurl could not read as HTTP.
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_TOO_MANY_REDIRECTS:
        return ErrorKind::Protocol;
    default:
        return ErrorKind::Network;
    }
}

bool contains(const char *text, const char *what) {
    return std::strstr(text, what) != nullptr;
}

// What a failed transfer comes to. Some libcurl codes cover more than one
// cause: code 35 is both a TLS failure and a connection reset during the
// handshake (a network error, worth retrying); "out of memory" is also how
// libcurl 7.x reports a header line over its own 100 KB limit.
struct Failure {
    ErrorKind kind;
    std::string message;
};
Failure classify(CURLcode rc, CURL *h, const HttpResponse &res, const char *errbuf,
                 size_t max_body) {
    ErrorKind kind = kind_for_curl(rc);
    const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (rc == CURLE_WRITE_ERROR && res.over_limit) {
        if (std::strcmp(res.over_limit, "body") == 0)
            return {ErrorKind::Protocol, "the answer's body is over the limit of " +
                                             std::to_string(max_body) + " bytes"};
        return {ErrorKind::Protocol, "the answer's headers are over the limit of " +
                                         std::to_string(kMaxResponseHeaderBytes) + " bytes"};
    }
    if (rc == CURLE_FILESIZE_EXCEEDED)
        return {ErrorKind::Protocol, "the answer's body (Content-Length) is over the limit of " +
                                         std::to_string(max_body) + " bytes"};
    if (rc == CURLE_OUT_OF_MEMORY && res.saw_status_line)
        return {ErrorKind::Protocol,
                std::string("the answer's headers are over libcurl's limits: ") + detail};
    if (rc == CURLE_SSL_CONNECT_ERROR) {
        long os_errno = 0;
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == ECONNRESET || os_errno == EPIPE || os_errno == ECONNABORTED ||
            contains(detail, "SSL_ERROR_SYSCALL") || contains(detail, "reset by peer") ||
            contains(detail, "unexpected eof"))
            kind = ErrorKind::Network;
    }
    std::string what = kind == ErrorKind::Timeout    ? "timed out"
                       : kind == ErrorKind::Tls      ? "TLS error"
                       : kind == ErrorKind::Protocol ? "not an HTTP answer the API gives"
                                                     : "network error";
    return {kind, what + ": " + detail};
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

// The system's trusted CAs, for a libcurl whose own default is missing here.
// Debian's libcurl names /etc/ssl/certs/ca-certificates.crt, present wherever
// ca-certificates is installed: there nothing changes. A libcurl built with no
// bundle (the manylinux wheel's, static, to run on any distribution) or with
// another distribution's path would verify against nothing, so, as pycurl's
// and psycopg's wheels do, SSL_CERT_FILE and then the common bundles of Debian,
// RHEL, SUSE and Alpine are looked for, once. Verification stays on either way:
// with none found, libcurl keeps its own default (the wheel's: OpenSSL's paths).
struct SystemCa {
    std::string file;
    std::string dir;
};

const SystemCa &system_ca() {
    static const SystemCa ca = [] {
        auto readable = [](const char *path) { return path && *path && access(path, R_OK) == 0; };
        const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
        if (info->age >= CURLVERSION_SEVENTH && (readable(info->cainfo) || readable(info->capath)))
            return SystemCa{};
        if (const char *env = std::getenv("SSL_CERT_FILE"); readable(env)) return SystemCa{env, {}};
        static const char *const files[] = {
            "/etc/ssl/certs/ca-certificates.crt",                // Debian, Ubuntu, Arch, Gentoo
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // RHEL 7+, Fedora
            "/etc/pki/tls/certs/ca-bundle.crt",                  // RHEL 6, Amazon Linux
            "/etc/ssl/ca-bundle.pem",                            // openSUSE, SLES
            "/etc/pki/tls/cacert.pem",                           // OpenELEC
            "/etc/ssl/cert.pem",                                 // Alpine
        };
        for (const char *file : files)
            if (readable(file)) return SystemCa{file, {}};
        if (const char *env = std::getenv("SSL_CERT_DIR"); readable(env)) return SystemCa{{}, env};
        for (const char *dir : {"/etc/ssl/certs", "/etc/pki/tls/certs"})
            if (readable(dir)) return SystemCa{{}, dir};
        return SystemCa{};
    }();
    return ca;
}

CURLSH *new_share(std::mutex *locks) {
    CURLSH *share = curl_share_init();
    if (!share) throw Error(ErrorKind::NoMemory, "out of memory");
    // DNS answers and TLS sessions are shared by all handles of the
    // process; each handle keeps its own live connections.
    curl_share_setopt(share, CURLSHOPT_LOCKFUNC, share_lock);
    curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, share_unlock);
    curl_share_setopt(share, CURLSHOPT_USERDATA, locks);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return share;
}

// The process's share; a child of fork() makes its own (the parent's
// sessions are left alone, never freed: other handles may point at it).
CURLSH *process_share() {
    std::lock_guard<std::mutex> lock(process_share_mutex());
    ProcessShare *&s = process_share_slot();
    if (!s || s->generation != fork_generation.load()) {
        auto *fresh = new ProcessShare;
        fresh->generation = fork_generation.load();
        fresh->share = new_share(fresh->locks);
        s = fresh;
    }
    return s->share;
}

} // namespace

Transport::Transport(const Config &config) : config_(config), generation_(fork_generation.load()) {
    config_.access_token.clear();
    config_.logger = Logger{};
    global_init();
    static const int atfork_registered = pthread_atfork(
        &Transport::before_fork, &Transport::after_fork_parent, &Transport::after_fork_child);
    (void)atfork_registered;
    user_agent_ = "libmercadopago/" MP_CORE_VERSION;
    if (!config_.user_agent_suffix.empty()) user_agent_ += " " + config_.user_agent_suffix;
    share_ = process_share();
    std::lock_guard<std::mutex> lock(registry_mutex());
    registry().push_back(this);
}

Transport::~Transport() {
    {
        std::lock_guard<std::mutex> lock(registry_mutex());
        auto &r = registry();
        r.erase(std::find(r.begin(), r.end(), this));
    }
    // After a fork() the pooled handles belong to the parent's connections:
    // closing them here would send TLS close-notify on the parent's sockets.
    if (fork_generation.load() != generation_) return;
    for (Pooled p : idle_)
        close(p);
}

void Transport::close(Pooled p) {
    InLibcurl in_libcurl; // closing a connection is TLS work
    curl_multi_cleanup(p.multi);
    curl_easy_cleanup(p.easy);
}

Transport::Pooled Transport::new_handle() {
    CURLM *multi = curl_multi_init();
    if (!multi) throw Error(ErrorKind::NoMemory, "out of memory");
    CURL *h = curl_easy_init();
    if (!h) {
        curl_multi_cleanup(multi);
        throw Error(ErrorKind::NoMemory, "out of memory");
    }
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
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
                     std::max(1L, (config_.stall_timeout_ms + 999) / 1000));
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    if (!config_.ca_pem.empty()) {
        curl_blob blob{config_.ca_pem.data(), config_.ca_pem.size(), CURL_BLOB_COPY};
        curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
    } else if (!config_.ca_file.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
    } else if (const SystemCa &ca = system_ca(); !ca.file.empty()) {
        curl_easy_setopt(h, CURLOPT_CAINFO, ca.file.c_str());
    } else if (!ca.dir.empty()) {
        curl_easy_setopt(h, CURLOPT_CAPATH, ca.dir.c_str());
    }
    // A body announced longer than the limit fails before it is read.
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(config_.max_response_bytes));
    // Proxies: only the one configured, or the environment's when asked for
    // and the base URL is https:// (libcurl reads it when CURLOPT_PROXY is
    // unset; "" turns it off). Always a CONNECT tunnel, so a proxy never sees
    // a request, its token or its card data.
    bool https = config_.base_url.compare(0, 8, "https://") == 0;
    if (!config_.proxy.empty())
        curl_easy_setopt(h, CURLOPT_PROXY, config_.proxy.c_str());
    else if (!(config_.proxy_from_env && https))
        curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L);
    return {h, multi};
}

Transport::Pooled Transport::acquire() {
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        unsigned long generation = fork_generation.load();
        if (generation != generation_) {
            // A child of fork(): forget (never close) the parent's
            // connections and TLS sessions, and start a pool of its own.
            idle_.clear();
            share_ = process_share();
            generation_ = generation;
        }
        if (!idle_.empty()) {
            Pooled p = idle_.back();
            idle_.pop_back();
            return p;
        }
    }
    return new_handle();
}

void Transport::release(Pooled handle) {
    {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        if (fork_generation.load() != generation_) return; // forked while in flight: not ours
        // A batch may have borrowed many handles: keep enough for the usual
        // concurrency and close the rest (outside the pool's lock).
        if (idle_.size() < config_.max_idle_connections) {
            idle_.push_back(handle);
            return;
        }
    }
    close(handle);
}

int Transport::run(Pooled p) {
    CURLMcode mc;
    {
        InLibcurl in_libcurl;
        mc = curl_multi_add_handle(p.multi, p.easy);
    }
    if (mc != CURLM_OK) return CURLE_FAILED_INIT;
    CURLcode result = CURLE_FAILED_INIT;
    for (int running = 1;;) {
        {
            InLibcurl in_libcurl;
            mc = curl_multi_perform(p.multi, &running);
        }
        if (mc != CURLM_OK || !running) break;
        // Waiting outside the lock; libcurl shortens the wait to its own
        // next timeout (connect, total, stall).
        mc = curl_multi_poll(p.multi, nullptr, 0, 1000, nullptr);
        if (mc != CURLM_OK) break;
    }
    InLibcurl in_libcurl;
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(p.multi, &queued))
        if (msg->msg == CURLMSG_DONE) result = msg->data.result;
    curl_multi_remove_handle(p.multi, p.easy);
    return result;
}

curl_slist *Transport::setup(CURL *h, const HttpRequest &req, HttpResponse &res, char *errbuf) {
    // The list's nodes point at the request's own strings (curl_slist is a
    // public struct; libcurl only reads it during the transfer): one
    // allocation instead of two per header.
    curl_slist *headers = nullptr;
    if (!req.headers.empty()) {
        headers = new curl_slist[req.headers.size()];
        for (size_t i = 0; i < req.headers.size(); ++i) {
            headers[i].data = const_cast<char *>(req.headers[i].c_str());
            headers[i].next = i + 1 < req.headers.size() ? &headers[i + 1] : nullptr;
        }
    }
    curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
    // First: NOBODY also sets the method, which the lines below then set.
    curl_easy_setopt(h, CURLOPT_NOBODY, req.method == "HEAD" ? 1L : 0L);
    if (req.method == "HEAD") {
    } else if (req.has_body || req.method == "POST" || req.method == "PUT" ||
               req.method == "PATCH") {
        // POSTFIELDS makes a POST; CUSTOMREQUEST renames it to PUT/PATCH/DELETE.
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    // libcurl copies string options, so a temporary is fine here.
    std::string custom(
        req.method == "GET" || req.method == "POST" || req.method == "HEAD" ? "" : req.method);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom.empty() ? nullptr : custom.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                     req.timeout_ms > 0 ? req.timeout_ms : config_.timeout_ms);
    res.max_body = config_.max_response_bytes;
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
    delete[] headers;
}

} // namespace

HttpResponse Transport::perform(const HttpRequest &req) {
    Pooled p = acquire();
    CURL *h = p.easy;
    HttpResponse res;
    char errbuf[CURL_ERROR_SIZE];
    curl_slist *headers;
    try {
        headers = setup(h, req, res, errbuf);
    } catch (...) {
        release(p);
        throw;
    }
    auto rc = static_cast<CURLcode>(run(p));
    Failure failure{ErrorKind::Internal, {}};
    if (rc != CURLE_OK) failure = classify(rc, h, res, errbuf, config_.max_response_bytes);
    finish(h, headers, res);
    release(p);
    if (rc != CURLE_OK) throw Error(failure.kind, std::move(failure.message));
    return res;
}

CURL *Transport::begin(Transfer &t, const HttpRequest &req) {
    Pooled p = acquire();
    try {
        t.headers = setup(p.easy, req, t.response, t.errbuf);
    } catch (...) {
        release(p);
        throw;
    }
    t.easy = p.easy;
    t.own_multi = p.multi;
    return t.easy;
}

Transport::Outcome Transport::end(Transfer &t, int curl_code) {
    Outcome out;
    auto rc = static_cast<CURLcode>(curl_code);
    out.ok = rc == CURLE_OK;
    if (!out.ok) {
        Failure f = classify(rc, t.easy, t.response, t.errbuf, config_.max_response_bytes);
        out.error_kind = f.kind;
        out.error_message = std::move(f.message);
    }
    finish(t.easy, t.headers, t.response);
    t.headers = nullptr;
    out.response = std::move(t.response);
    release({t.easy, t.own_multi});
    t.easy = nullptr;
    return out;
}

HttpRequest Transport::warm_request() const {
    HttpRequest head;
    head.method = "HEAD";
    head.url = config_.base_url + "/";
    head.timeout_ms = config_.connect_timeout_ms + 5000;
    return head;
}

int Transport::warm(int n) {
    const HttpRequest head = warm_request();
    // Each pooled handle keeps its connections in its own multi handle, so
    // the handles are taken together (n distinct ones) and run side by side.
    std::vector<Pooled> handles;
    std::vector<HttpResponse> responses(static_cast<size_t>(std::max(n, 0)));
    std::vector<curl_slist *> lists;
    char errbuf[CURL_ERROR_SIZE];
    int answered = 0;
    try {
        for (HttpResponse &res : responses) {
            handles.push_back(acquire());
            lists.push_back(setup(handles.back().easy, head, res, errbuf));
            curl_easy_setopt(handles.back().easy, CURLOPT_ERRORBUFFER, nullptr);
        }
        for (Pooled &p : handles) {
            InLibcurl in_libcurl;
            curl_multi_add_handle(p.multi, p.easy);
        }
        for (bool running = true; running;) {
            running = false;
            for (Pooled &p : handles) {
                int still = 0;
                InLibcurl in_libcurl;
                curl_multi_perform(p.multi, &still);
                running = running || still;
            }
            // Several multi handles cannot be polled at once: short waits.
            if (running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    } catch (...) {
        for (size_t i = 0; i < handles.size(); ++i) {
            {
                InLibcurl in_libcurl;
                curl_multi_remove_handle(handles[i].multi, handles[i].easy);
            }
            if (i < lists.size()) finish(handles[i].easy, lists[i], responses[i]);
            release(handles[i]);
        }
        throw;
    }
    for (size_t i = 0; i < handles.size(); ++i) {
        {
            InLibcurl in_libcurl;
            int queued = 0;
            while (CURLMsg *msg = curl_multi_info_read(handles[i].multi, &queued))
                if (msg->msg == CURLMSG_DONE && msg->data.result == CURLE_OK) ++answered;
            curl_multi_remove_handle(handles[i].multi, handles[i].easy);
        }
        finish(handles[i].easy, lists[i], responses[i]);
        release(handles[i]);
    }
    return answered;
}

} // namespace mp
