/*
 * mercadopago.hpp - the C++ API of libmercadopago: header-only RAII classes
 * over the C ABI of mercadopago.h (as librdkafka's rdkafkacpp.h is over
 * rdkafka.h). It is the one C++ layer every binding builds on: SWIG
 * %includes it for PHP and Java, pybind11 binds it for Python, and C++
 * programs use it directly. It adds no behaviour of its own: options,
 * statuses and operations are the library's tables.
 *
 * Failures throw mercadopago::Error, a snapshot of the library's error taken
 * when it happened (it stays valid on any thread, for as long as it is kept).
 *
 * Threads and lifetimes are those of the handles wrapped (mercadopago.h),
 * made safe where C leaves it to the caller: a Client may be used by any
 * number of threads at once, and close() waits for the calls in flight;
 * a Pager keeps what it needs of its Client, so it may outlive it (once the
 * client is closed, it throws). Config, Request, Response, Pager and Batch
 * are for one thread at a time. Every class owns its handle: none is copied.
 *
 * C++17. Needs mercadopago.h and linking with -lmercadopago.
 */
#ifndef MERCADOPAGO_HPP
#define MERCADOPAGO_HPP

#include "mercadopago.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace mercadopago {

/* Bytes borrowed from the object that returned them (valid until its next
 * call); data NULL means "none". Bindings copy them at once. */
struct Bytes {
    const char *data;
    size_t len;
};

#ifndef SWIG
namespace detail {
inline std::string str(const char *s) {
    return s ? s : "";
}
inline Bytes bytes_of(const std::string &s) {
    return Bytes{s.data(), s.size()};
}
} // namespace detail
#endif

/* A failure, copied out of the library when it happened: status, message and
 * the API's answer when there was one (never the access token or card data:
 * the library redacts them before they reach an error). */
class Error : public std::exception {
  public:
#ifndef SWIG
    /* Takes ownership of response (NULL when no answer came): the error keeps
     * the API's answer, so that its body and headers stay readable. */
    Error(mp_status status, const mp_error *e, mp_response *response = NULL)
        : status_(status), http_status_(mp_error_http_status(e)), attempts_(mp_error_attempts(e)),
          retryable_(mp_error_retryable(e) != 0), message_(detail::str(mp_error_message(e))),
          api_error_(detail::str(mp_error_api_error(e))),
          request_id_(detail::str(mp_error_request_id(e))),
          idempotency_key_(detail::str(mp_error_idempotency_key(e))) {
        size_t len = 0;
        const char *causes = mp_error_causes(e, &len);
        causes_.assign(causes ? causes : "[]", causes ? len : 2);
        if (message_.empty()) message_ = mp_status_name(status);
        if (response != NULL) {
            response_.reset(response, mp_response_free);
            if (http_status_ == 0) http_status_ = mp_response_http_status(response);
        }
    }
    Error(mp_status status, const std::string &message) : status_(status), message_(message) {}
    const char *what() const noexcept {
        return message_.c_str();
    }
#endif
    int status() const {
        return status_;
    }
    /* "not_found", ...: the status's stable name. */
    const char *status_name() const {
        return mp_status_name(status_);
    }
    Bytes message() const {
        return detail::bytes_of(message_);
    }
    int http_status() const {
        return http_status_;
    }
    const char *api_error() const {
        return api_error_.c_str();
    }
    /* The API's "cause" array, as JSON. */
    Bytes causes() const {
        return detail::bytes_of(causes_);
    }
    const char *request_id() const {
        return request_id_.c_str();
    }
    const char *idempotency_key() const {
        return idempotency_key_.c_str();
    }
    int attempts() const {
        return attempts_;
    }
    bool retryable() const {
        return retryable_;
    }
    /* The API's answer for an API error; data NULL when none came. */
    Bytes body() const {
        size_t len = 0;
        const char *data = response_ ? mp_response_body(response_.get(), &len) : NULL;
        return data ? Bytes{data, len} : Bytes{NULL, 0};
    }
    /* A header of that answer (case-insensitive); NULL when absent or when no
     * answer came. */
    const char *header(const char *name) const {
        return response_ ? mp_response_header(response_.get(), name) : NULL;
    }

  private:
    mp_status status_;
    int http_status_ = 0;
    int attempts_ = 0;
    bool retryable_ = false;
    std::string message_, api_error_, request_id_, idempotency_key_, causes_;
#ifndef SWIG
    std::shared_ptr<mp_response> response_; /* shared by copies of the error */
#endif
};

#ifndef SWIG
namespace detail {
inline void check(mp_status status) {
    if (status != MP_OK) throw Error(status, mp_error_last());
}
} // namespace detail
#endif

/* A log line, already redacted. level: 1 error, 2 warn, 3 info, 4 debug. */
class LogLine {
  public:
#ifndef SWIG
    LogLine(int level, std::string message) : level_(level), message_(std::move(message)) {}
#endif
    int level() const {
        return level_;
    }
    Bytes message() const {
        return detail::bytes_of(message_);
    }

  private:
    int level_;
    std::string message_;
};

#ifndef SWIG
/* Log lines queued by the library's callback, from whatever thread makes a
 * call, to be drained by the language's own logging on its own thread: no
 * callback into a language runtime from a foreign thread. Bounded: a queue
 * nobody drains stops growing at 10,000 lines. */
class LogQueue {
  public:
    static void callback(void *userdata, mp_log_level level, const char *message, size_t len) {
        LogQueue *self = static_cast<LogQueue *>(userdata);
        std::lock_guard<std::mutex> lock(self->mutex_);
        if (self->lines_.size() < 10000)
            self->lines_.push_back(
                std::make_pair(static_cast<int>(level), std::string(message, len)));
    }
    /* The oldest line, NULL when none. */
    std::unique_ptr<LogLine> next() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (lines_.empty()) return std::unique_ptr<LogLine>();
        std::unique_ptr<LogLine> line(
            new LogLine(lines_.front().first, std::move(lines_.front().second)));
        lines_.pop_front();
        return line;
    }

  private:
    std::mutex mutex_;
    std::deque<std::pair<int, std::string>> lines_;
};
#endif

/* ---- Tables ------------------------------------------------------------- */

inline const char *version() {
    return mp_version();
}
inline const char *status_name(int status) {
    return mp_status_name(static_cast<mp_status>(status));
}
inline const char *webhook_result_name(int result) {
    return mp_webhook_result_name(static_cast<mp_webhook_result>(result));
}

#ifndef SWIG /* the languages read the tables through the C functions */
/* An operation of the table, e.g. "payments.get" GET /v1/payments/{id}. */
struct Operation {
    std::string name, method, path, paging;
    bool has_body;
    std::vector<std::string> path_params; /* in the order of the path */
};
inline std::vector<Operation> operations() {
    std::vector<Operation> out;
    for (size_t i = 0; i < mp_operation_count(); ++i) {
        Operation op;
        op.name = mp_operation_name(i);
        op.method = mp_operation_method(i);
        op.path = mp_operation_path(i);
        op.paging = mp_operation_paging(i);
        op.has_body = mp_operation_has_body(i) != 0;
        for (size_t j = 0; j < mp_operation_path_param_count(i); ++j)
            op.path_params.push_back(mp_operation_path_param(i, j));
        out.push_back(op);
    }
    return out;
}

/* A client or per-call option (mp_option_*): type is an mp_option_type,
 * scope the MP_OPTION_CLIENT/CALL/PAGES bits. */
struct Option {
    std::string name, doc;
    int type, arity, scope;
};
inline std::vector<Option> options() {
    std::vector<Option> out;
    for (size_t i = 0; i < mp_option_count(); ++i) {
        Option o;
        o.name = mp_option_name(i);
        o.doc = mp_option_doc(i);
        o.type = mp_option_value_type(i);
        o.arity = mp_option_arity(i);
        o.scope = mp_option_scope(i);
        out.push_back(o);
    }
    return out;
}

/* An error class (mp_error_class_*): parents come first; status 0 for a group. */
struct ErrorClass {
    std::string name, parent, doc, status_name;
    int status;
};
inline std::vector<ErrorClass> error_classes() {
    std::vector<ErrorClass> out;
    for (size_t i = 0; i < mp_error_class_count(); ++i) {
        ErrorClass c;
        c.name = mp_error_class_name(i);
        c.parent = mp_error_class_parent(i);
        c.doc = mp_error_class_doc(i);
        c.status = mp_error_class_status(i);
        c.status_name = c.status != 0 ? mp_status_name(mp_error_class_status(i)) : "";
        out.push_back(c);
    }
    return out;
}
#endif

/* ---- Handles ------------------------------------------------------------ */

class Client;
class Batch;

/* The settings a Client is made from; options by name, e.g.
 * config.set("timeout", "2.5"). */
class Config {
  public:
    Config()
#ifndef SWIG
        : queue_(new LogQueue())
#endif
    {
        detail::check(mp_config_new(&h_));
    }
    ~Config() {
        mp_config_free(h_);
    }
    void set(const char *name, const char *value) {
        detail::check(mp_config_set_option(h_, name, value));
    }
    /* Queue log lines up to max_level (1 to 4; 0 turns logging off), for
     * Client::next_log. */
    void set_log_level(int max_level) {
        if (max_level <= 0)
            detail::check(mp_config_set_log(h_, NULL, NULL, MP_LOG_ERROR));
        else
            detail::check(mp_config_set_log(h_, &LogQueue::callback, queue_.get(),
                                            static_cast<mp_log_level>(max_level)));
    }
#ifndef SWIG
    Config(const Config &) = delete;
    Config &operator=(const Config &) = delete;
    mp_config *handle() const {
        return h_;
    }
#endif

  private:
    friend class Client;
    mp_config *h_ = NULL;
#ifndef SWIG
    std::shared_ptr<LogQueue> queue_; /* shared with the clients made from it */
#endif
};

/* What one call carries besides the operation's name. */
class Request {
  public:
    Request() { detail::check(mp_request_new(&h_)); }
    ~Request() { mp_request_free(h_); }
    void set_path_param(const char *name, const char *value) {
        detail::check(mp_request_set_path_param(h_, name, value));
    }
    void add_query(const char *name, const char *value) {
        detail::check(mp_request_add_query(h_, name, value));
    }
    /* The JSON body as UTF-8 bytes, checked before anything is sent. */
    void set_body(const char *data, size_t len) {
        detail::check(mp_request_set_body(h_, data, len));
    }
    /* A per-call option by name: set("timeout", "5"), set("headers", "X-A: b"). */
    void set(const char *name, const char *value) {
        detail::check(mp_request_set_option(h_, name, value));
    }
    void reset() { detail::check(mp_request_reset(h_)); }
#ifndef SWIG
    Request(const Request &) = delete;
    Request &operator=(const Request &) = delete;
    const mp_request *handle() const {
        return h_;
    }
#endif

  private:
    mp_request *h_ = NULL;
};

/* One answer of the API. */
class Response {
  public:
#ifndef SWIG
    explicit Response(mp_response *h) : h_(h) {}
    Response(const Response &) = delete;
    Response &operator=(const Response &) = delete;
    mp_response *handle() const {
        return h_;
    }
#endif
    ~Response() {
        mp_response_free(h_);
    }
    int http_status() const {
        return mp_response_http_status(h_);
    }
    /* A header (case-insensitive), NULL when absent. */
    const char *header(const char *name) const {
        return mp_response_header(h_, name);
    }
#ifndef SWIG
    /* The index-th header as "Name: value", NULL past the last. */
    const char *header_at(size_t index) const {
        return mp_response_header_at(h_, index);
    }
#endif
    const char *request_id() const {
        return mp_response_request_id(h_);
    }
    const char *idempotency_key() const {
        return mp_response_idempotency_key(h_);
    }
    int attempts() const {
        return mp_response_attempts(h_);
    }
    Bytes body() const {
        size_t len = 0;
        const char *data = mp_response_body(h_, &len);
        return data ? Bytes{data, len} : Bytes{"", 0};
    }

  private:
    mp_response *h_;
};

#ifndef SWIG
namespace detail {
/* A client's handle and the lock that lets close() wait for the calls in
 * flight; shared by the Client and its pagers. closing is set as close()
 * begins: calls that start afterwards throw instead of waiting for the lock. */
struct ClientState {
    std::shared_mutex mutex;
    mp_client *handle = NULL;
    std::atomic<bool> closing{false};
    ~ClientState() { mp_client_free(handle); }
};
/* The client whose asynchronous completion this thread is running (NULL
 * when none): see Client::call_async. */
inline const ClientState *&completing() {
    static thread_local const ClientState *state = NULL;
    return state;
}
/* The handle under a shared lock; throws once the client is closed (or
 * closing). Inside one of the client's own completions no lock is taken:
 * the handle is alive there (mp_client_free waits for that thread), and
 * close() may be holding the lock while it waits for the completion. */
class ClientLock {
  public:
    explicit ClientLock(ClientState &state) : handle_(NULL) {
        if (completing() != &state) lock_ = std::shared_lock<std::shared_mutex>(state.mutex);
        if (state.closing || state.handle == NULL)
            throw Error(MP_ERR_INVALID_ARGUMENT, "the client is closed");
        handle_ = state.handle;
    }
    mp_client *handle() const { return handle_; }

  private:
    std::shared_lock<std::shared_mutex> lock_;
    mp_client *handle_;
};

/* An asynchronous call's completion, wrapped to mark the thread as inside
 * one of this client's completions while it runs. */
struct AsyncDone {
    mp_call_done_fn done;
    void *userdata;
    const ClientState *state;
    static void run(void *self, uint64_t id, mp_status status, mp_response *response,
                    const mp_error *error) {
        std::unique_ptr<AsyncDone> d(static_cast<AsyncDone *>(self));
        const ClientState *outer = completing();
        completing() = d->state;
        d->done(d->userdata, id, status, response, error);
        completing() = outer;
    }
};

/* The Error of a failed call, with the API's answer when one came. */
inline Error failure(mp_status status, mp_response *r) {
    const mp_error *e = r != NULL ? mp_response_error(r) : NULL;
    return Error(status, e != NULL ? e : mp_error_last(), r);
}
} // namespace detail
#endif

/* Pages and items of a list. */
class Pager {
  public:
#ifndef SWIG
    Pager(mp_pager *h, std::shared_ptr<detail::ClientState> client) : h_(h), client_(client) {}
    Pager(const Pager &) = delete;
    Pager &operator=(const Pager &) = delete;
#endif
    ~Pager() {
        mp_pager_free(h_);
    }
    /* The next page, NULL after the last. */
    std::unique_ptr<Response> next_page() {
        detail::ClientLock lock(*client_);
        mp_response *r = NULL;
        mp_status s = mp_pager_next_page(h_, &r);
        if (s == MP_OK) return std::unique_ptr<Response>(new Response(r));
        if (s != MP_ITER_OVER) throw detail::failure(s, r);
        mp_response_free(r);
        return std::unique_ptr<Response>();
    }
    /* The next item's JSON (valid until the next call), data NULL after the last. */
    Bytes next_item() {
        detail::ClientLock lock(*client_);
        const char *json = NULL;
        size_t len = 0;
        mp_status s = mp_pager_next_item(h_, &json, &len);
        if (s == MP_OK) return Bytes{json, len};
        if (s != MP_ITER_OVER) throw Error(s, mp_error_last());
        return Bytes{NULL, 0};
    }
    /* paging.total as of the last page, -1 when unknown. */
    int64_t total() const {
        return mp_pager_total(h_);
    }

  private:
    mp_pager *h_;
#ifndef SWIG
    std::shared_ptr<detail::ClientState> client_; /* freed after the pager */
#endif
};

/* Many calls sent at once; each has its own outcome. */
class Batch {
  public:
    Batch() { detail::check(mp_batch_new(&h_)); }
    ~Batch() { mp_batch_free(h_); }
    /* Adds a call (the request is copied; NULL for none); returns its index. */
    size_t add(const char *operation, const Request *request) {
        size_t index = 0;
        detail::check(mp_batch_add(h_, operation, request ? request->handle() : NULL, &index));
        return index;
    }
    size_t size() const { return mp_batch_size(h_); }
    /* MP_OK (0) or the status of call index's failure. */
    int status(size_t index) const { return mp_batch_status(h_, index); }
    /* The failure of call index, NULL when it succeeded. It moves out the
     * call's response (its body goes into the Error): read either error(i)
     * or take_response(i), never both. */
    std::unique_ptr<Error> error(size_t index) {
        mp_status s = mp_batch_status(h_, index);
        if (s == MP_OK) return std::unique_ptr<Error>();
        const mp_error *e = mp_batch_error(h_, index);
        mp_response *r = NULL;
        mp_batch_take_response(h_, index, &r);
        return std::unique_ptr<Error>(new Error(s, e, r));
    }
    /* Moves out the response of call index, NULL when none came. */
    std::unique_ptr<Response> take_response(size_t index) {
        mp_response *r = NULL;
        detail::check(mp_batch_take_response(h_, index, &r));
        return std::unique_ptr<Response>(r ? new Response(r) : NULL);
    }
#ifndef SWIG
    Batch(const Batch &) = delete;
    Batch &operator=(const Batch &) = delete;
#endif

  private:
    friend class Client;
    mp_batch *h_ = NULL;
};

/* The client: any number of threads may call it at once. */
class Client {
  public:
    explicit Client(const Config &config)
#ifndef SWIG
        : state_(new detail::ClientState()), queue_(config.queue_)
#endif
    {
        detail::check(mp_client_new(config.h_, &state_->handle));
    }
    /* Calls an operation of the table (request may be NULL); throws Error on
     * any failure, with the API's answer inside for an API error. */
    std::unique_ptr<Response> call(const char *operation, const Request *request) {
        mp_response *r = NULL;
        mp_status s;
        {
            detail::ClientLock lock(*state_);
            s = mp_client_call(lock.handle(), operation, request ? request->handle() : NULL, &r);
        }
        if (s != MP_OK) throw detail::failure(s, r);
        return std::unique_ptr<Response>(new Response(r));
    }
    /* Walks a list operation; page_size 0: the request's option, or 50. */
    std::unique_ptr<Pager> pager(const char *operation, const Request *request, long page_size) {
        detail::ClientLock lock(*state_);
        mp_pager *p = NULL;
        detail::check(mp_pager_new(lock.handle(), operation, request ? request->handle() : NULL,
                                   page_size, &p));
        return std::unique_ptr<Pager>(new Pager(p, state_));
    }
    /* Runs every call of the batch, at most max_in_flight at a time (0: 16). */
    void run_batch(Batch &batch, long max_in_flight) {
        detail::ClientLock lock(*state_);
        detail::check(mp_client_run_batch(lock.handle(), batch.h_, max_in_flight));
    }
    /* The oldest queued log line (Config::set_log_level), NULL when none. */
    std::unique_ptr<LogLine> next_log() {
        return queue_->next();
    }
#ifndef SWIG
    /* Starts an asynchronous call (mp_client_call_async) and returns its id
     * for cancel(). done runs exactly once, on the client's own thread; it
     * may make calls on the client (they throw once close() has begun) but
     * not close it. Bad input throws here, and done is then never called. */
    uint64_t call_async(const char *operation, const Request *request, mp_call_done_fn done,
                        void *userdata) {
        std::unique_ptr<detail::AsyncDone> d(new detail::AsyncDone{done, userdata, state_.get()});
        uint64_t id = 0;
        {
            detail::ClientLock lock(*state_);
            detail::check(mp_client_call_async(lock.handle(), operation,
                                               request ? request->handle() : NULL,
                                               &detail::AsyncDone::run, d.get(), &id));
        }
        d.release(); /* detail::AsyncDone::run frees it */
        return id;
    }
    /* The most detailed level logged from now on, 0 to 4 (mp_client_set_log_level);
     * Config::set_log_level must have set a level above 0 for any to reach
     * next_log. */
    void set_log_level(int max_level) {
        detail::ClientLock lock(*state_);
        detail::check(mp_client_set_log_level(lock.handle(), max_level));
    }
#endif
    /* Cancels an asynchronous call (mp_client_cancel): its completion runs
     * with MP_ERR_CANCELED unless it had ended. Nothing happens once the
     * client is closing (close() cancels every call). */
    void cancel(uint64_t call_id) {
        if (state_->closing) return;
        try {
            detail::ClientLock lock(*state_);
            mp_client_cancel(lock.handle(), call_id);
        } catch (const Error &) { /* closed meanwhile: close() canceled it */
        }
    }
    /* Opens up to `connections` connections ahead (mp_client_warm); what:
     * MP_WARM_BLOCKING and/or MP_WARM_ASYNC. Returns how many answered. */
    long warm(long connections, int what) {
        detail::ClientLock lock(*state_);
        long answered = 0;
        detail::check(mp_client_warm(lock.handle(), connections, what, &answered));
        return answered;
    }
    /* Waits for the calls in flight, then frees the connections (the
     * asynchronous calls still running complete with MP_ERR_CANCELED before
     * it returns); later calls throw. Idempotent; the destructor closes too.
     * Throws when called from one of this client's own completions (its
     * thread cannot wait for itself). */
    void close() {
        if (detail::completing() == state_.get())
            throw Error(MP_ERR_INVALID_ARGUMENT,
                        "a client cannot be closed from one of its own completions");
        state_->closing = true;
        std::unique_lock<std::shared_mutex> lock(state_->mutex);
        mp_client_free(state_->handle);
        state_->handle = NULL;
    }
    bool closed() const {
        return state_->closing;
    }
    /* Not from one of its own completions (close() would throw there). */
    ~Client() {
        close();
    }
#ifndef SWIG
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;
#endif

  private:
#ifndef SWIG
    std::shared_ptr<detail::ClientState> state_;
    std::shared_ptr<LogQueue> queue_;
#endif
};

/* Webhook verification: secrets are added one by one (several during a
 * rotation). verify returns the mp_webhook_result (0 when it verifies); bad
 * arguments throw. */
class WebhookVerifier {
  public:
    void add_secret(const char *secret) {
        if (secret == NULL || *secret == '\0')
            throw Error(MP_ERR_INVALID_ARGUMENT, "a webhook secret must not be empty");
        secrets_.push_back(secret);
    }
    /* tolerance_s: 0 for the default window, negative to turn it off; now:
     * Unix seconds, 0 for the current time. */
    int verify(const char *x_signature, const char *x_request_id, const char *data_id,
               long tolerance_s, int64_t now) const {
        std::vector<const char *> ptrs;
        for (size_t i = 0; i < secrets_.size(); ++i)
            ptrs.push_back(secrets_[i].c_str());
        mp_webhook_result result = MP_WEBHOOK_OK;
        mp_status s = mp_webhook_verify(x_signature, x_request_id, data_id, ptrs.data(),
                                        ptrs.size(), tolerance_s, now, &result);
        if (s != MP_OK && s != MP_ERR_SIGNATURE) throw Error(s, mp_error_last());
        return static_cast<int>(result);
    }

  private:
    std::vector<std::string> secrets_;
};

/* The URL where a seller authorizes an application (OAuth); state may be NULL. */
inline std::string oauth_authorization_url(const char *client_id, const char *redirect_uri,
                                           const char *state) {
    char *out = NULL;
    detail::check(mp_oauth_authorization_url(client_id, redirect_uri, state, &out));
    std::string url(out);
    mp_string_free(out);
    return url;
}

} // namespace mercadopago

#endif /* MERCADOPAGO_HPP */
