#include "client.hpp"

#include "ascii.hpp"
#include "json.hpp"
#include "async_engine.hpp"
#include "json_writer.hpp"
#include "persistent_transports.hpp"
#include "redact.hpp"
#include "uuid.hpp"

#include <chrono>
#include <condition_variable>
#include <thread>

namespace mp {

void check_access_token(std::string_view token) {
    if (token.empty()) throw Error(ErrorKind::InvalidArgument, "no access token is configured");
    for (char c : token)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            throw Error(ErrorKind::InvalidArgument,
                        "the access token contains spaces or control characters");
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxPathParams = 16; // no operation has more than 3
constexpr size_t kMaxExtraHeaders = 64;
constexpr size_t kMaxRequestHeaderBytes = 8192;
constexpr size_t kMaxUrlBytes = 16384;
constexpr size_t kMaxLoggedBody = 16 << 10;
constexpr size_t kMaxMessageBytes = 2048;

void check_timeout(const char *what, long ms) {
    if (ms <= 0 || ms > kMaxTimeoutMs)
        throw Error(ErrorKind::InvalidArgument,
                    std::string(what) + " must be from 1 ms to 24 hours (86400000 ms)");
}

void check_header(std::string_view name, std::string_view value) {
    if (name.empty()) throw Error(ErrorKind::InvalidArgument, "a header name is empty");
    if (name.size() + value.size() > kMaxRequestHeaderBytes)
        throw Error(ErrorKind::InvalidArgument, "a header is longer than 8192 bytes");
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == ':')
            throw Error(ErrorKind::InvalidArgument,
                        "invalid header name '" + std::string(name) + "'");
    }
    for (char c : value)
        if (c == '\r' || c == '\n' || c == '\0')
            throw Error(ErrorKind::InvalidArgument,
                        "the value of header '" + std::string(name) + "' contains a line break");
    // These are the client's to set: a caller-set copy would be sent twice or
    // contradict the real one.
    for (std::string_view reserved : {"Authorization", "Content-Type", "Content-Length", "Host",
                                      "Transfer-Encoding", "Connection"})
        if (iequals(name, reserved))
            throw Error(
                ErrorKind::InvalidArgument,
                "header '" + std::string(name) + "' is set by the client" +
                    (iequals(name, "Authorization") ? "; use the access token option" : ""));
}

// The caller's members, then the preset's ("capture":true): the preset wins,
// and a member the caller also set is sent once, the preset's way.
std::string merge_preset(const std::string &body, std::string_view preset) {
    simdjson::dom::parser parser;
    simdjson::dom::object caller, fixed;
    std::string preset_object(1, '{');
    preset_object.append(preset).push_back('}');
    if (parser.parse(body).get_object().get(caller))
        throw Error(ErrorKind::Json, "the request body must be a JSON object");
    std::string out = "{";
    {
        simdjson::dom::parser preset_parser;
        if (preset_parser.parse(preset_object).get_object().get(fixed))
            throw Error(ErrorKind::Internal, "an operation's preset is not JSON");
        for (auto [key, value] : caller) {
            if (!fixed[key].error()) continue; // the preset sets it
            if (out.size() > 1) out.push_back(',');
            append_json_string(out, key);
            out.push_back(':');
            out += simdjson::minify(value);
        }
    }
    if (out.size() > 1) out.push_back(',');
    out += preset;
    out.push_back('}');
    return out;
}

// What a log line shows of a body: the start of it, redacted (a little more
// is redacted than shown, so that no secret is cut before it is recognised).
std::string body_for_log(std::string_view body, Secrets secrets) {
    std::string shown =
        printable(redact_json(body.substr(0, kMaxLoggedBody + 256), secrets), kMaxLoggedBody, true);
    if (body.size() > kMaxLoggedBody)
        shown += " (" + std::to_string(body.size()) + " bytes in all)";
    return shown;
}

// The API's request ids are UUIDs: one of that shape quotes nothing back.
bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex) return false;
    }
    return true;
}

long ms_between(Clock::time_point a, Clock::time_point b) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}

} // namespace

Client::Client(Config config) : config_(std::move(config)) {
    config_.base_url = normalize_base_url(config_.base_url);
    if (!config_.access_token.empty()) check_access_token(config_.access_token);
    check_timeout("the connect timeout", config_.connect_timeout_ms);
    check_timeout("the timeout", config_.timeout_ms);
    check_timeout("the stall timeout", config_.stall_timeout_ms);
    const RetryPolicy &r = config_.retry;
    if (r.max_retries < 0 || r.max_retries > 10)
        throw Error(ErrorKind::InvalidArgument, "max retries must be between 0 and 10");
    if (r.base_delay_ms < 0 || r.max_delay_ms < r.base_delay_ms || r.max_delay_ms > kMaxTimeoutMs ||
        r.max_retry_after_ms < 0 || r.max_retry_after_ms > kMaxTimeoutMs)
        throw Error(ErrorKind::InvalidArgument,
                    "retry delays must be from 0 to 24 hours, the base no more than the maximum");
    if (config_.max_response_bytes < 1024)
        throw Error(ErrorKind::InvalidArgument, "the maximum response size must be at least 1024");
    // Through a proxy, a plain http:// request (the local sandbox) would
    // hand the proxy the access token in clear.
    if (!config_.proxy.empty() && config_.base_url.compare(0, 7, "http://") == 0)
        throw Error(ErrorKind::InvalidArgument,
                    "a proxy cannot be used with a plain http:// base URL: the access token "
                    "would reach the proxy in clear");
    check_header("X-Platform-Id", config_.platform_id);
    check_header("X-Integrator-Id", config_.integrator_id);
    check_header("X-Corporation-Id", config_.corporation_id);
    check_header("User-Agent", config_.user_agent_suffix);
    if (!config_.access_token.empty())
        auth_header_ = "Authorization: Bearer " + config_.access_token;
    if (config_.max_idle_connections > 1024)
        throw Error(ErrorKind::InvalidArgument, "max idle connections must be from 0 to 1024");
    transport_ =
        config_.persistent ? persistent_transport(config_) : std::make_shared<Transport>(config_);
}

PreparedCall Client::prepare(const Operation &op, const CallOptions &o) const {
    PreparedCall pc;
    pc.op = &op;
    pc.token = o.access_token.empty() ? config_.access_token : o.access_token;
    check_access_token(pc.token);
    if (o.timeout_ms != 0) check_timeout("the timeout", o.timeout_ms);
    if (o.max_retries > 10)
        throw Error(ErrorKind::InvalidArgument, "max retries must be at most 10");
    if (o.path_params.size() > kMaxPathParams)
        throw Error(ErrorKind::InvalidArgument, "a call takes at most 16 path parameters");
    if (o.headers.size() > kMaxExtraHeaders)
        throw Error(ErrorKind::InvalidArgument, "a call takes at most 64 extra headers");
    pc.timeout_ms = o.timeout_ms > 0 ? o.timeout_ms : config_.timeout_ms;
    pc.max_retries = o.max_retries >= 0 ? o.max_retries : config_.retry.max_retries;

    HttpRequest &req = pc.http;
    req.method = method_name(op.method);
    req.url = config_.base_url + expand_path(op.path, o.path_params) + build_query(o.query);
    // Servers refuse much shorter URLs than libcurl's own limit (8 MB).
    if (req.url.size() > kMaxUrlBytes)
        throw Error(ErrorKind::InvalidArgument, "the request URL is " +
                                                    std::to_string(req.url.size()) +
                                                    " bytes long, more than 16384");

    // Bodies are checked before anything is sent: bad JSON never leaves the process.
    if (o.has_body) {
        if (!op.has_body)
            throw Error(ErrorKind::InvalidArgument,
                        std::string(op.name) + " takes no request body");
        if (validate_json(o.body) != JsonType::Object)
            throw Error(ErrorKind::Json, "the request body must be a JSON object");
        req.body = o.body;
    }
    if (!op.preset.empty()) req.body = merge_preset(req.body.empty() ? "{}" : req.body, op.preset);
    req.has_body = !req.body.empty();

    req.headers.reserve(8 + o.headers.size());
    req.headers.push_back(o.access_token.empty() ? auth_header_
                                                 : "Authorization: Bearer " + pc.token);
    req.headers.emplace_back("Accept: application/json");
    if (req.has_body) {
        req.headers.emplace_back("Content-Type: application/json; charset=UTF-8");
        req.headers.emplace_back("Expect:"); // no 100-continue round trip
    }
    std::string key = o.idempotency_key;
    for (const auto &[name, value] : o.headers) {
        check_header(name, value);
        if (iequals(name, "X-Idempotency-Key")) {
            key = value;
            continue;
        }
        req.headers.push_back(name + ": " + value);
    }
    if (!key.empty()) check_header("X-Idempotency-Key", key);
    if (is_write(op.method)) {
        // One key per call, reused by every retry: the server then applies
        // the write at most once however many attempts reach it.
        if (key.empty()) key = uuid_v4();
        req.headers.push_back("X-Idempotency-Key: " + key);
    } else {
        key.clear(); // reads are naturally idempotent and never carry a key
    }
    pc.idempotency_key = key;
    if (!config_.platform_id.empty())
        req.headers.push_back("X-Platform-Id: " + config_.platform_id);
    if (!config_.integrator_id.empty())
        req.headers.push_back("X-Integrator-Id: " + config_.integrator_id);
    if (!config_.corporation_id.empty())
        req.headers.push_back("X-Corporation-Id: " + config_.corporation_id);
    return pc;
}

std::vector<std::string_view> Client::secrets_of(PreparedCall &pc) const {
    if (!pc.sent_secrets_read) {
        if (pc.http.has_body) pc.sent_secrets = sensitive_values(pc.http.body);
        pc.sent_secrets_read = true;
    }
    std::vector<std::string_view> s = {pc.token, config_.access_token};
    for (const std::string &v : pc.sent_secrets)
        s.push_back(v);
    return s;
}

struct Client::Attempt {
    int number = 1;
    Response response;
    bool answered = false;
    ErrorDetail error; // when not answered, or answered with an error status
    long took_ms = 0;
    bool again = false; // try once more after delay_ms
    long delay_ms = 0;
};

void Client::before_attempt(PreparedCall &pc, int attempt, long remaining_ms) const {
    const Logger &log = config_.logger;
    pc.http.timeout_ms = std::max(1L, remaining_ms);
    if (!log.enabled(LogLevel::Info)) return;
    std::string m = "-> " + std::string(pc.http.method) + " " + std::string(pc.op->path) + " (" +
                    std::string(pc.op->name) + ", attempt " + std::to_string(attempt);
    if (!pc.idempotency_key.empty()) m += ", idempotency key " + pc.idempotency_key;
    std::vector<std::string_view> secrets = secrets_of(pc);
    log.log(LogLevel::Info, redact_text(m + ")", secrets));
    if (!pc.http.body.empty() && log.enabled(LogLevel::Debug))
        log.log(LogLevel::Debug, "   request body: " + body_for_log(pc.http.body, secrets));
}

// Classifies the outcome of one attempt, logs it, and decides whether to try
// again: only what may succeed, within the retry count, the client's retry
// budget, the server's Retry-After and the call's deadline.
void Client::after_attempt(PreparedCall &pc, Attempt &a, long remaining_ms) {
    const Logger &log = config_.logger;
    std::string what = std::string(pc.http.method) + " " + std::string(pc.op->path);
    Response &res = a.response;
    res.idempotency_key = pc.idempotency_key;
    res.attempts = a.number;
    std::optional<long> retry_after;
    // Built only when something is redacted: not on the common path.
    std::vector<std::string_view> secrets_store;
    auto secrets = [&]() -> Secrets {
        if (secrets_store.empty()) secrets_store = secrets_of(pc);
        return secrets_store;
    };
    if (a.answered) {
        if (const char *rid = res.http.header("X-Request-Id")) {
            res.request_id = clean_request_id(rid);
            if (!is_uuid(res.request_id)) res.request_id = redact_text(res.request_id, secrets());
        }
        if (log.enabled(LogLevel::Info))
            log.log(LogLevel::Info, "<- " + std::to_string(res.http.status) + " " + what + " in " +
                                        std::to_string(a.took_ms) + " ms (request id " +
                                        (res.request_id.empty() ? "none" : res.request_id) + ")");
        if (log.enabled(LogLevel::Debug))
            log.log(LogLevel::Debug, "   response body: " + body_for_log(res.http.body, secrets()));
        if (res.http.status >= 200 && res.http.status < 300) {
            budget_.on_success();
            return;
        }
        a.error = parse_api_error(static_cast<int>(res.http.status), res.http.body, res.request_id);
        if (const char *ra = res.http.header("Retry-After")) retry_after = parse_retry_after_ms(ra);
    } else {
        a.error.message += " (" + what + ")";
        if (log.enabled(LogLevel::Warn))
            log.log(LogLevel::Warn, redact_text("!! " + a.error.message + " after " +
                                                    std::to_string(a.took_ms) + " ms",
                                                secrets()));
    }
    ErrorDetail &e = a.error;
    // Every text of the record is redacted: the server may quote anything back.
    e.message = printable(redact_text(e.message, secrets()), kMaxMessageBytes);
    e.api_error = redact_text(e.api_error, secrets());
    e.causes_json = redact_json(e.causes_json, secrets());
    e.request_id = redact_text(e.request_id, secrets());
    e.idempotency_key = pc.idempotency_key;
    e.attempts = a.number;
    e.retryable = kind_is_retryable(e.kind, e.http_status);

    a.again = a.number <= pc.max_retries &&
              should_retry(e, is_write(pc.op->method), !pc.idempotency_key.empty());
    if (a.again && retry_after && *retry_after > config_.retry.max_retry_after_ms)
        a.again = false; // the server asks for a longer pause than we may wait
    if (a.again) {
        a.delay_ms = backoff_ms(config_.retry, a.number, retry_after);
        a.again = remaining_ms > a.delay_ms && budget_.try_spend(e.kind);
    }
    if (a.again && log.enabled(LogLevel::Warn))
        log.log(LogLevel::Warn, "   retrying " + what + " in " + std::to_string(a.delay_ms) +
                                    " ms after " +
                                    (a.answered ? "HTTP " + std::to_string(res.http.status)
                                                : std::string("a transport error")));
    if (!a.again && a.answered) res.error = e;
}

Response Client::execute(PreparedCall &pc) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(pc.timeout_ms);
    for (int number = 1;; ++number) {
        before_attempt(pc, number, ms_between(Clock::now(), deadline));
        Attempt a;
        a.number = number;
        const auto sent = Clock::now();
        try {
            a.response.http = transport_->perform(pc.http);
            a.answered = true;
        } catch (const Error &e) {
            a.error = e.detail();
        }
        a.took_ms = ms_between(sent, Clock::now());
        after_attempt(pc, a, ms_between(Clock::now(), deadline));
        if (!a.again) {
            if (!a.answered) throw Error(std::move(a.error));
            return std::move(a.response);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(a.delay_ms));
    }
}

// A batch runs on the client's asynchronous engine: the same connections
// (kept between batches and shared with asynchronous calls), each call with
// its own retries and backoff, at most max_in_flight at a time: a finished
// call starts the next.
std::vector<Client::Result> Client::execute_many(std::vector<PreparedCall> &calls,
                                                 long max_in_flight) {
    std::vector<Result> results(calls.size());
    if (calls.empty()) return results;
    const size_t limit = max_in_flight > 0 ? static_cast<size_t>(max_in_flight) : 16;
    AsyncEngine &eng = engine();
    std::mutex m;
    std::condition_variable cv;
    size_t next = 0, finished = 0;
    // Called with m held; the engine runs the completions on its thread.
    std::function<void()> start_next;
    start_next = [&] {
        size_t i = next++;
        try {
            eng.submit(std::move(calls[i]), [&, i](uint64_t, Result r) {
                std::lock_guard<std::mutex> lock(m);
                results[i] = std::move(r);
                ++finished;
                if (next < calls.size()) start_next();
                cv.notify_one();
            });
        } catch (const Error &e) {
            results[i].error = e.detail();
            ++finished;
        }
    };
    std::unique_lock<std::mutex> lock(m);
    while (next < calls.size() && next < limit)
        start_next();
    cv.wait(lock, [&] { return finished == calls.size(); });
    return results;
}

bool Client::settle(PreparedCall &pc, int number, long took_ms, Transport::Outcome &&outcome,
                    long remaining_ms, Result &result, long &delay_ms) {
    Attempt a;
    a.number = number;
    a.took_ms = took_ms;
    a.answered = outcome.ok;
    a.response.http = std::move(outcome.response);
    if (!a.answered) {
        a.error.kind = outcome.error_kind;
        a.error.message = std::move(outcome.error_message);
    }
    after_attempt(pc, a, remaining_ms);
    if (a.again) {
        delay_ms = a.delay_ms;
        return true;
    }
    if (a.answered)
        result.response = std::move(a.response);
    else
        result.error = std::move(a.error);
    return false;
}

Client::~Client() = default; // the engine (if any) stops first: it is declared last

AsyncEngine &Client::engine() {
    std::lock_guard<std::mutex> lock(engine_mutex_);
    if (engine_ && !engine_->belongs_to_this_process()) {
        // A child of fork(): the parent's engine has no thread here and its
        // connections are the parent's; leave it, untouched, and start anew.
        (void)engine_.release();
    }
    if (!engine_) engine_ = std::make_unique<AsyncEngine>(*this, *transport_);
    return *engine_;
}

uint64_t Client::call_async(const Operation &op, const CallOptions &options, Completion done) {
    PreparedCall pc = prepare(op, options);
    return engine().submit(std::move(pc), std::move(done));
}

void Client::cancel(uint64_t id) {
    std::lock_guard<std::mutex> lock(engine_mutex_);
    if (engine_ && engine_->belongs_to_this_process()) engine_->cancel(id);
}

int Client::warm(int n, bool blocking, bool async) {
    if (n < 1 || n > 64) throw Error(ErrorKind::InvalidArgument, "warm opens 1 to 64 connections");
    int answered = 0;
    if (blocking) answered += transport_->warm(n);
    if (async) answered += engine().warm(n);
    return answered;
}

Response Client::call(const Operation &op, const CallOptions &options) {
    PreparedCall pc = prepare(op, options);
    return execute(pc);
}

} // namespace mp
