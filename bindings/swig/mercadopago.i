/* The interface every SWIG language shares (PHP, Java), as GDAL's and
 * Xapian's shared .i: the handles of mercadopago.h (and the sandbox's
 * mp_sandbox.h) as classes with destructors, one failure path, and JSON as
 * UTF-8 bytes with a length.
 *
 * A per-language file (bindings/php/mercadopago_php.i,
 * bindings/java/mercadopago_java.i) declares the %module, defines
 *   - MPSWIG_THROW(): raise the language's native exception from the
 *     pending mpswig::Failure (taken with mpswig::take_failure()), and
 *   - the typemaps for mp_bytes (out) and for (const char *data, size_t len)
 *     (in),
 * then %includes this file. The idiomatic layer of each language (PHP's
 * MercadoPago\Native, Java's dev.libmercadopago) wraps these classes and turns
 * the native exception into the class generated from the status table. */

%{
#include <mercadopago.h>
#include <mp_sandbox.h>

#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

/* Bytes handed to the language: borrowed from the object that returned them,
 * and copied by the typemap at once. data NULL means "none" (null). */
struct mp_bytes {
    const char *data;
    size_t len;
};

namespace mpswig {

inline mp_bytes bytes_of(const std::string &s) { return mp_bytes{s.data(), s.size()}; }
inline mp_bytes no_bytes() { return mp_bytes{nullptr, 0}; }
inline std::string str(const char *s) { return s ? s : ""; }

/* A failure, copied out of the library at the moment it happened: the
 * payload of every exception the bindings raise. */
class Failure {
public:
    Failure(mp_status status, const mp_error *e, const mp_response *r)
        : status_(status), http_status_(mp_error_http_status(e)),
          attempts_(mp_error_attempts(e)), retryable_(mp_error_retryable(e) != 0),
          message_(str(mp_error_message(e))), api_error_(str(mp_error_api_error(e))),
          request_id_(str(mp_error_request_id(e))),
          idempotency_key_(str(mp_error_idempotency_key(e))) {
        size_t len = 0;
        const char *causes = mp_error_causes(e, &len);
        causes_.assign(causes ? causes : "[]", causes ? len : 2);
        if (e == nullptr && message_.empty())
            message_ = mp_status_name(status);
        if (r != nullptr) {
            size_t blen = 0;
            const char *body = mp_response_body(r, &blen);
            if (body != nullptr) {
                body_.assign(body, blen);
                has_body_ = true;
            }
            if (http_status_ == 0)
                http_status_ = mp_response_http_status(r);
        }
    }
    Failure(mp_status status, const std::string &message) : status_(status), message_(message) {}

    int status() const { return status_; }
    const char *status_name() const { return mp_status_name(status_); }
    mp_bytes message() const { return bytes_of(message_); }
    int http_status() const { return http_status_; }
    const char *api_error() const { return api_error_.c_str(); }
    mp_bytes causes() const { return bytes_of(causes_); }
    const char *request_id() const { return request_id_.c_str(); }
    const char *idempotency_key() const { return idempotency_key_.c_str(); }
    int attempts() const { return attempts_; }
    bool retryable() const { return retryable_; }
    /* The API's answer for an API error, null when none came. */
    mp_bytes body() const { return has_body_ ? bytes_of(body_) : no_bytes(); }

private:
    mp_status status_;
    int http_status_ = 0;
    int attempts_ = 0;
    bool retryable_ = false;
    bool has_body_ = false;
    std::string message_, api_error_, request_id_, idempotency_key_, causes_, body_;
};

/* The failure of the wrapped call running on this thread: set by the
 * methods below, raised by %exception right after the call returns. */
inline std::unique_ptr<Failure> &pending() {
    static thread_local std::unique_ptr<Failure> p;
    return p;
}
inline void fail(mp_status status, const mp_response *r = nullptr) {
    const mp_error *e = r != nullptr ? mp_response_error(r) : nullptr;
    pending().reset(new Failure(status, e != nullptr ? e : mp_error_last(), r));
}
inline void fail_message(mp_status status, const std::string &message) {
    pending().reset(new Failure(status, message));
}
inline bool check(mp_status status) {
    if (status == MP_OK)
        return true;
    fail(status);
    return false;
}
inline bool failed() { return pending() != nullptr; }
/* Ownership passes to the caller (the language's exception object). */
inline Failure *take_failure() { return pending().release(); }

/* The log lines of one client, queued by the library's callback (already
 * redacted) and drained by the language layer into its logging facility
 * after each call, on the caller's thread: no foreign-thread callbacks into a
 * language runtime. */
struct LogSink {
    std::mutex mutex;
    std::deque<std::pair<int, std::string>> lines;
    static void callback(void *userdata, mp_log_level level, const char *message, size_t len) {
        auto *self = static_cast<LogSink *>(userdata);
        std::lock_guard<std::mutex> lock(self->mutex);
        if (self->lines.size() < 10000) /* a layer that never drains must not grow forever */
            self->lines.emplace_back(static_cast<int>(level), std::string(message, len));
    }
};

class LogLine {
public:
    LogLine(int level, std::string message) : level_(level), message_(std::move(message)) {}
    /* 1 error, 2 warn, 3 info, 4 debug (mp_log_level). */
    int level() const { return level_; }
    mp_bytes message() const { return bytes_of(message_); }

private:
    int level_;
    std::string message_;
};

class Client;
class Pager;
class Batch;

class Config {
public:
    Config() {
        if (check(mp_config_new(&h_)))
            sink_ = std::make_shared<LogSink>();
    }
    ~Config() { mp_config_free(h_); }
    void set_access_token(const char *token) { check(mp_config_set_access_token(h_, token)); }
    void set_base_url(const char *url) { check(mp_config_set_base_url(h_, url)); }
    void set_connect_timeout_ms(long ms) { check(mp_config_set_connect_timeout_ms(h_, ms)); }
    void set_timeout_ms(long ms) { check(mp_config_set_timeout_ms(h_, ms)); }
    void set_stall_timeout_ms(long ms) { check(mp_config_set_stall_timeout_ms(h_, ms)); }
    void set_ca_file(const char *path) { check(mp_config_set_ca_file(h_, path)); }
    void set_ca_pem(const char *data, size_t len) { check(mp_config_set_ca_pem(h_, data, len)); }
    void set_proxy(const char *proxy) { check(mp_config_set_proxy(h_, proxy)); }
    void set_user_agent_suffix(const char *s) { check(mp_config_set_user_agent_suffix(h_, s)); }
    void set_platform_id(const char *id) { check(mp_config_set_platform_id(h_, id)); }
    void set_integrator_id(const char *id) { check(mp_config_set_integrator_id(h_, id)); }
    void set_corporation_id(const char *id) { check(mp_config_set_corporation_id(h_, id)); }
    void set_max_retries(int n) { check(mp_config_set_max_retries(h_, n)); }
    void set_retry_delays_ms(long base_ms, long max_ms, long max_retry_after_ms) {
        check(mp_config_set_retry_delays_ms(h_, base_ms, max_ms, max_retry_after_ms));
    }
    /* Queue log lines up to max_level (0 turns logging off) for Client::next_log. */
    void set_log_level(int max_level) {
        if (max_level <= 0)
            check(mp_config_set_log(h_, nullptr, nullptr, MP_LOG_ERROR));
        else
            check(mp_config_set_log(h_, &LogSink::callback, sink_.get(),
                                    static_cast<mp_log_level>(max_level)));
    }

private:
    friend class Client;
    mp_config *h_ = nullptr;
    std::shared_ptr<LogSink> sink_;
};

class Request {
public:
    Request() { check(mp_request_new(&h_)); }
    ~Request() { mp_request_free(h_); }
    void set_path_param(const char *name, const char *value) {
        check(mp_request_set_path_param(h_, name, value));
    }
    void add_query(const char *name, const char *value) {
        check(mp_request_add_query(h_, name, value));
    }
    /* The JSON body as UTF-8 bytes (validated before anything is sent). */
    void set_body(const char *data, size_t len) { check(mp_request_set_body(h_, data, len)); }
    void set_idempotency_key(const char *key) { check(mp_request_set_idempotency_key(h_, key)); }
    void set_access_token(const char *token) { check(mp_request_set_access_token(h_, token)); }
    void add_header(const char *name, const char *value) {
        check(mp_request_add_header(h_, name, value));
    }
    void set_timeout_ms(long ms) { check(mp_request_set_timeout_ms(h_, ms)); }
    void set_max_retries(int n) { check(mp_request_set_max_retries(h_, n)); }
    void reset() { check(mp_request_reset(h_)); }

private:
    friend class Client;
    friend class Batch;
    mp_request *h_ = nullptr;
};

class Response {
public:
    explicit Response(mp_response *h) : h_(h) {}
    ~Response() { mp_response_free(h_); }
    int http_status() const { return mp_response_http_status(h_); }
    /* A header of the answer (case-insensitive), null when absent. */
    const char *header(const char *name) const { return mp_response_header(h_, name); }
    const char *request_id() const { return mp_response_request_id(h_); }
    const char *idempotency_key() const { return mp_response_idempotency_key(h_); }
    int attempts() const { return mp_response_attempts(h_); }
    mp_bytes body() const {
        size_t len = 0;
        const char *data = mp_response_body(h_, &len);
        return data ? mp_bytes{data, len} : mp_bytes{"", 0};
    }

private:
    mp_response *h_;
};

class Pager {
public:
    Pager(mp_pager *h) : h_(h) {}
    ~Pager() { mp_pager_free(h_); }
    /* The next page, or null after the last. */
    Response *next_page() {
        mp_response *r = nullptr;
        mp_status s = mp_pager_next_page(h_, &r);
        if (s == MP_OK)
            return new Response(r);
        if (s != MP_ITER_OVER)
            fail(s, r);
        mp_response_free(r);
        return nullptr;
    }
    /* The next item's JSON, or null after the last. */
    mp_bytes next_item() {
        const char *json = nullptr;
        size_t len = 0;
        mp_status s = mp_pager_next_item(h_, &json, &len);
        if (s == MP_OK)
            return mp_bytes{json, len};
        if (s != MP_ITER_OVER)
            fail(s);
        return no_bytes();
    }
    /* paging.total as of the last page, -1 when unknown. */
    int64_t total() const { return mp_pager_total(h_); }

private:
    mp_pager *h_;
};

class Batch {
public:
    Batch() { check(mp_batch_new(&h_)); }
    ~Batch() { mp_batch_free(h_); }
    /* Adds a call (the request is copied; null for none); returns its index. */
    size_t add(const char *operation, const Request *request) {
        size_t index = 0;
        check(mp_batch_add(h_, operation, request ? request->h_ : nullptr, &index));
        return index;
    }
    size_t size() const { return mp_batch_size(h_); }
    /* MP_OK (0) or the category of call index's failure. */
    int status(size_t index) const { return mp_batch_status(h_, index); }
    /* The failure of call index, null when it succeeded. It moves out the
     * call's response (its body goes into the Failure), so a layer reads
     * either error(i) or take_response(i), never both. */
    Failure *error(size_t index) {
        mp_status s = mp_batch_status(h_, index);
        if (s == MP_OK)
            return nullptr;
        const mp_error *e = mp_batch_error(h_, index);
        mp_response *r = nullptr;
        mp_batch_take_response(h_, index, &r);
        Failure *out = new Failure(s, e, r);
        mp_response_free(r);
        return out;
    }
    /* Moves out the response of call index, null when none came. */
    Response *take_response(size_t index) {
        mp_response *r = nullptr;
        if (!check(mp_batch_take_response(h_, index, &r)) || r == nullptr)
            return nullptr;
        return new Response(r);
    }

private:
    friend class Client;
    mp_batch *h_ = nullptr;
};

class Client {
public:
    explicit Client(const Config &config) : sink_(config.sink_) {
        check(mp_client_new(config.h_, &h_));
    }
    ~Client() { mp_client_free(h_); }
    /* Calls an operation of the table; raises on any failure (the API's
     * answer travels in the exception). request may be null. */
    Response *call(const char *operation, const Request *request) {
        mp_response *r = nullptr;
        mp_status s = mp_client_call(h_, operation, request ? request->h_ : nullptr, &r);
        if (s == MP_OK)
            return new Response(r);
        fail(s, r);
        mp_response_free(r);
        return nullptr;
    }
    Pager *pager(const char *operation, const Request *request, long page_size) {
        mp_pager *p = nullptr;
        if (!check(mp_pager_new(h_, operation, request ? request->h_ : nullptr, page_size, &p)))
            return nullptr;
        return new Pager(p);
    }
    /* Runs every call of the batch (at most max_in_flight at a time, 0: 16). */
    void run_batch(Batch &batch, long max_in_flight) {
        check(mp_client_run_batch(h_, batch.h_, max_in_flight));
    }
    /* The oldest queued log line, null when none. */
    LogLine *next_log() {
        if (!sink_)
            return nullptr;
        std::lock_guard<std::mutex> lock(sink_->mutex);
        if (sink_->lines.empty())
            return nullptr;
        auto line = std::move(sink_->lines.front());
        sink_->lines.pop_front();
        return new LogLine(line.first, std::move(line.second));
    }

private:
    mp_client *h_ = nullptr;
    std::shared_ptr<LogSink> sink_;
};

/* Webhook verification: secrets are added one by one (several during a
 * rotation). verify returns the mp_webhook_result (0 when it verifies); bad
 * arguments raise. */
class WebhookVerifier {
public:
    void add_secret(const char *secret) {
        if (secret == nullptr || *secret == '\0')
            fail_message(MP_ERR_INVALID_ARGUMENT, "a webhook secret must not be empty");
        else
            secrets_.emplace_back(secret);
    }
    int verify(const char *x_signature, const char *x_request_id, const char *data_id,
               long tolerance_s, int64_t now) {
        std::vector<const char *> ptrs;
        for (const auto &s : secrets_)
            ptrs.push_back(s.c_str());
        mp_webhook_result result = MP_WEBHOOK_OK;
        mp_status s = mp_webhook_verify(x_signature, x_request_id, data_id, ptrs.data(),
                                        ptrs.size(), tolerance_s, now, &result);
        if (s != MP_OK && s != MP_ERR_SIGNATURE)
            fail(s);
        return static_cast<int>(result);
    }

private:
    std::vector<std::string> secrets_;
};

/* The embedded sandbox (mp_sandbox.h), for the users' own tests. */
class Sandbox {
public:
    /* options: JSON such as {"tls":true,"webhook_secret":"..."} (null: defaults). */
    explicit Sandbox(const char *options_json) {
        if (mp_sandbox_start(options_json, &h_) != 0)
            fail_message(MP_ERR_INVALID_ARGUMENT,
                         std::string("sandbox: ") + str(mp_sandbox_last_error()));
    }
    ~Sandbox() { stop(); }
    void stop() {
        mp_sandbox_stop(h_);
        h_ = nullptr;
    }
    const char *url() const { return h_ ? mp_sandbox_url(h_) : ""; }
    int port() const { return h_ ? mp_sandbox_port(h_) : 0; }
    const char *ca_pem() const { return h_ ? mp_sandbox_ca_pem(h_) : ""; }
    void write_ca(const char *path) {
        if (h_ == nullptr || mp_sandbox_write_ca(h_, path) != 0)
            fail_message(MP_ERR_INVALID_ARGUMENT, "sandbox: cannot write the CA file");
    }
    long request_count() const { return h_ ? mp_sandbox_request_count(h_) : 0; }

private:
    mp_sandbox *h_ = nullptr;
};

/* ---- The tables the idiomatic layers are built from ------------------- */

inline const char *version() { return mp_version(); }
inline const char *status_name(int status) {
    return mp_status_name(static_cast<mp_status>(status));
}
inline int status_min() { return MP_STATUS_MIN; }
inline const char *webhook_result_name(int result) {
    return mp_webhook_result_name(static_cast<mp_webhook_result>(result));
}
inline size_t operation_count() { return mp_operation_count(); }
inline const char *operation_name(size_t i) { return mp_operation_name(i); }
inline const char *operation_method(size_t i) { return mp_operation_method(i); }
inline const char *operation_path(size_t i) { return mp_operation_path(i); }
inline bool operation_has_body(size_t i) { return mp_operation_has_body(i) != 0; }
inline const char *operation_paging(size_t i) { return mp_operation_paging(i); }
inline std::string oauth_authorization_url(const char *client_id, const char *redirect_uri,
                                           const char *state) {
    char *out = nullptr;
    if (!check(mp_oauth_authorization_url(client_id, redirect_uri, state, &out)))
        return std::string();
    std::string url(out);
    mp_string_free(out);
    return url;
}

} // namespace mpswig
%}

%include <stdint.i>
%include <std_string.i>

/* Every wrapped call: clear, run, and raise what it left pending. */
/* Only the calls that can fail raise: reading a snapshot cannot. */
%exception {
    mpswig::pending().reset();
    $action
    if (mpswig::failed()) {
        MPSWIG_THROW();
    }
}

/* A constructor that fails has already made its object: free it before
 * raising ("result" is the wrapper's variable in every SWIG language). */
%define MPSWIG_CONSTRUCTOR_EXCEPTION(cls)
%exception cls {
    mpswig::pending().reset();
    $action
    if (mpswig::failed()) {
        delete result;
        result = nullptr;
        MPSWIG_THROW();
    }
}
%enddef
MPSWIG_CONSTRUCTOR_EXCEPTION(mpswig::Config::Config)
MPSWIG_CONSTRUCTOR_EXCEPTION(mpswig::Request::Request)
MPSWIG_CONSTRUCTOR_EXCEPTION(mpswig::Batch::Batch)
MPSWIG_CONSTRUCTOR_EXCEPTION(mpswig::Client::Client)
MPSWIG_CONSTRUCTOR_EXCEPTION(mpswig::Sandbox::Sandbox)

/* Reading what a call left (and taking the failure itself) must not clear it. */
%noexception mpswig::take_failure;
%noexception mpswig::Failure;
%noexception mpswig::LogLine;
%noexception mpswig::Response;

%newobject mpswig::Client::call;
%newobject mpswig::Client::pager;
%newobject mpswig::Client::next_log;
%newobject mpswig::Pager::next_page;
%newobject mpswig::Batch::error;
%newobject mpswig::Batch::take_response;
%newobject mpswig::take_failure;

/* Constructed by the library only. */
%nodefaultctor mpswig::Response;
%nodefaultctor mpswig::Pager;
%nodefaultctor mpswig::Failure;
%nodefaultctor mpswig::LogLine;
%ignore mpswig::Response::Response;
%ignore mpswig::Pager::Pager;
%ignore mpswig::Failure::Failure;
%ignore mpswig::LogLine::LogLine;

%apply (const char *data, size_t len) { (const char *json, size_t len) };

/* What SWIG sees: the declarations only. */
namespace mpswig {
class Failure {
public:
    int status() const;
    const char *status_name() const;
    mp_bytes message() const;
    int http_status() const;
    const char *api_error() const;
    mp_bytes causes() const;
    const char *request_id() const;
    const char *idempotency_key() const;
    int attempts() const;
    bool retryable() const;
    mp_bytes body() const;
};
Failure *take_failure();

class LogLine {
public:
    int level() const;
    mp_bytes message() const;
};

class Config {
public:
    Config();
    ~Config();
    void set_access_token(const char *token);
    void set_base_url(const char *url);
    void set_connect_timeout_ms(long ms);
    void set_timeout_ms(long ms);
    void set_stall_timeout_ms(long ms);
    void set_ca_file(const char *path);
    void set_ca_pem(const char *data, size_t len);
    void set_proxy(const char *proxy);
    void set_user_agent_suffix(const char *s);
    void set_platform_id(const char *id);
    void set_integrator_id(const char *id);
    void set_corporation_id(const char *id);
    void set_max_retries(int n);
    void set_retry_delays_ms(long base_ms, long max_ms, long max_retry_after_ms);
    void set_log_level(int max_level);
};

class Request {
public:
    Request();
    ~Request();
    void set_path_param(const char *name, const char *value);
    void add_query(const char *name, const char *value);
    void set_body(const char *data, size_t len);
    void set_idempotency_key(const char *key);
    void set_access_token(const char *token);
    void add_header(const char *name, const char *value);
    void set_timeout_ms(long ms);
    void set_max_retries(int n);
    void reset();
};

class Response {
public:
    ~Response();
    int http_status() const;
    const char *header(const char *name) const;
    const char *request_id() const;
    const char *idempotency_key() const;
    int attempts() const;
    mp_bytes body() const;
};

class Pager {
public:
    ~Pager();
    Response *next_page();
    mp_bytes next_item();
    int64_t total() const;
};

class Batch {
public:
    Batch();
    ~Batch();
    size_t add(const char *operation, const Request *request);
    size_t size() const;
    int status(size_t index) const;
    Failure *error(size_t index);
    Response *take_response(size_t index);
};

class Client {
public:
    Client(const Config &config);
    ~Client();
    Response *call(const char *operation, const Request *request);
    Pager *pager(const char *operation, const Request *request, long page_size);
    void run_batch(Batch &batch, long max_in_flight);
    LogLine *next_log();
};

class WebhookVerifier {
public:
    void add_secret(const char *secret);
    int verify(const char *x_signature, const char *x_request_id, const char *data_id,
               long tolerance_s, int64_t now);
};

class Sandbox {
public:
    Sandbox(const char *options_json);
    ~Sandbox();
    void stop();
    const char *url() const;
    int port() const;
    const char *ca_pem() const;
    void write_ca(const char *path);
    long request_count() const;
};

const char *version();
const char *status_name(int status);
int status_min();
const char *webhook_result_name(int result);
size_t operation_count();
const char *operation_name(size_t i);
const char *operation_method(size_t i);
const char *operation_path(size_t i);
bool operation_has_body(size_t i);
const char *operation_paging(size_t i);
std::string oauth_authorization_url(const char *client_id, const char *redirect_uri,
                                    const char *state);
} // namespace mpswig
