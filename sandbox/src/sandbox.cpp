#include "sandbox.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <httplib.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ca_files.hpp"
#include "certs.hpp"
#include "errors.hpp"
#include "http_server.hpp"
#include "version.hpp"

namespace mp::sandbox {

namespace {

constexpr const char *kJson = "application/json;charset=UTF-8";
// Each keep-alive connection holds a worker for its whole life: leave room for many clients.
constexpr size_t kKeepAliveMaxRequests = 1'000'000'000;
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;

const char *error_name(int status) {
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 413:
        return "payload_too_large";
    case 414:
        return "uri_too_long";
    case 416:
        return "range_not_satisfiable";
    case 423:
        return "locked";
    case 429:
        return "too_many_requests";
    default:
        return status >= 500 ? "internal_error" : "error";
    }
}

const char *error_message(int status) {
    switch (status) {
    case 400:
        return "Bad request";
    case 404:
        return "Not found";
    case 405:
        return "Method not allowed";
    case 413:
        return "Request body too large";
    case 414:
        return "Request URI too long";
    default:
        return status >= 500 ? "Internal server error" : "Request failed";
    }
}

void write_reply(httplib::Response &response, const std::string &request_id, Reply reply) {
    response.status = reply.status;
    response.set_header("X-Request-Id", request_id);
    response.set_header("Content-Type", reply.content_type.empty() ? kJson : reply.content_type);
    response.body = std::move(reply.body);
}

// --- CORS: the public-key routes answer pages of any origin; nothing else does
// -------------------- A page's requests carry Origin. The routes MercadoPago.js calls with the
// public key (kPublicKey) answer it with Access-Control-Allow-Origin, errors too (the script
// reports the API's error), and their preflights with 204. The access token is private: it must
// stay on the merchant's server, so a page sending it is refused (see private_token_in_page), and
// no route allows the Authorization header to a page.
constexpr const char *kCorsMethods = "GET, POST, PUT, OPTIONS";
constexpr const char *kCorsHeaders = "Content-Type, X-Product-Id, X-Idempotency-Key";
constexpr const char *kCorsMaxAge = "600";

void allow_origin(httplib::Response &response, const std::string &origin) {
    // The page's own origin, echoed (no credentials are involved, so "*" would do as well).
    response.set_header("Access-Control-Allow-Origin", origin.empty() ? "*" : origin);
    response.set_header("Vary", "Origin");
    response.set_header("Access-Control-Expose-Headers", "X-Request-Id");
}

// 403, not 401: the token may be perfectly valid; what is refused is sending it from a page,
// where the buyer (and any script on the page) can read it. The developer docs say the access
// token must never appear on the public side of an integration and the public key is the one
// credential for the front end. Its message names no credential.
ApiError private_token_in_page() {
    const char *message = "The access token is private and must not be sent from a browser page: "
                          "use the public key (public_key=) in the browser and the access token "
                          "only on your server";
    return ApiError(403, "forbidden", message, {{"access_token_in_browser", message}});
}

bool asks_for_authorization(const httplib::Request &request) {
    std::string wanted = to_lower(request.get_header_value("Access-Control-Request-Headers"));
    return wanted.find("authorization") != std::string::npos;
}

// A CA made in memory at start lives as long as the process: this only has to cover a run.
constexpr long kCaDays = 825;

// Every interface: the URL then names the loopback address of the same family.
bool is_wildcard(const std::string &host) {
    return host == "0.0.0.0" || host == "::";
}

std::string url_host(const std::string &host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::") return "[::1]";
    if (host.find(':') != std::string::npos) return "[" + host + "]";
    return host;
}

} // namespace

Sandbox::Sandbox(const Options &options)
    : webhooks_(options.webhook_secret), env_{state_, webhooks_, accounts_} {
    accounts_.set_default_site(options.site);
    add_api_routes(router_, env_);
    add_api_routes(live_router_, live_env_);
    add_browser_routes(router_, env_);
    add_browser_routes(live_router_, live_env_);
    add_web_routes(router_, options.tls);
    add_web_routes(live_router_, options.tls);
    add_control_routes();

    tls_ = options.tls;
    if (options.tls) {
        bool own_ca = !options.ca_cert_file.empty() || !options.ca_key_file.empty();
        Ca ca = own_ca ? load_or_create_ca(options.ca_cert_file, options.ca_key_file)
                       : make_ca(kCaDays);
        std::vector<std::string> names = options.tls_names;
        // A concrete listening address is what the printed URL names: the certificate must too.
        if (!is_wildcard(options.host) && is_tls_name(options.host)) names.push_back(options.host);
        TlsMaterial tls = make_tls_material(ca, names);
        http_ = make_https_server(tls.server_cert.get(), tls.server_key.get());
        ca_pem_ = std::move(tls.ca_pem);
    } else {
        if (!options.tls_names.empty() || !options.ca_cert_file.empty() ||
            !options.ca_key_file.empty())
            throw std::runtime_error("certificate names and a CA need TLS");
        http_ = make_http_server();
    }
    if (!http_->is_valid()) throw std::runtime_error("the HTTPS server could not be set up");

    http_->new_task_queue = [threads = static_cast<size_t>(options.threads)] {
        return new httplib::ThreadPool(threads);
    };
    http_->set_keep_alive_max_count(kKeepAliveMaxRequests);
    http_->set_keep_alive_timeout(options.keep_alive_seconds);
    http_->set_tcp_nodelay(true);
    http_->set_payload_max_length(kMaxBodyBytes);
    // SO_REUSEADDR only: httplib's default SO_REUSEPORT would let two servers share a port.
    http_->set_socket_options([](int sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });

    // Requests without a body are served before httplib's regex routing; the others once their
    // body is read, through catch-all routes.
    auto handler = [this](const httplib::Request &req, httplib::Response &res) { serve(req, res); };
    http_->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding"))
            return httplib::Server::HandlerResponse::Unhandled;
        serve(req, res);
        return httplib::Server::HandlerResponse::Handled;
    });
    http_->Get(".*", handler);
    http_->Post(".*", handler);
    http_->Put(".*", handler);
    http_->Patch(".*", handler);
    http_->Delete(".*", handler);
    http_->Options(".*", handler);
    // Errors httplib answers by itself (malformed request, body too large, ...) get the envelope.
    http_->set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request &, httplib::Response &res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            std::string id = uuid4();
            ApiError error(res.status, error_name(res.status), error_message(res.status));
            write_reply(res, id, {res.status, envelope(error, id)});
            return httplib::Server::HandlerResponse::Handled;
        }));
    http_->set_exception_handler([](const httplib::Request &, httplib::Response &res,
                                    std::exception_ptr) {
        std::string id = uuid4();
        write_reply(res, id,
                    {500, envelope(ApiError(500, "internal_error", "Internal server error"), id)});
    });

    if (options.port < 0 || options.port > 65535)
        throw std::runtime_error("port must be from 0 to 65535");
    errno = 0;
    if (options.port == 0) {
        port_ = http_->bind_to_any_port(options.host);
    } else {
        port_ = http_->bind_to_port(options.host, options.port) ? options.port : -1;
    }
    if (port_ <= 0)
        throw std::runtime_error("cannot listen on " + options.host + ":" +
                                 std::to_string(options.port) + ": " +
                                 (errno ? std::strerror(errno) : "not a usable local address"));
    // cpp-httplib listens with a backlog of 5, fixed when the distribution compiled it: a
    // burst of new connections (a batch opens many at once) overflowed the accept queue, and
    // each dropped SYN cost its client the kernel's 1 s retransmission.
    set_listen_backlog(*http_, 512);
    url_ = std::string(options.tls ? "https://" : "http://") + url_host(options.host) + ":" +
           std::to_string(port_);

    thread_ = std::thread([this] {
        block_sigpipe_in_this_thread(); // inherited by the worker threads started from here
        http_->listen_after_bind();
        listener_done_ = true;
    });
    while (!http_->is_running() && !listener_done_)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!http_->is_running()) {
        thread_.join();
        throw std::runtime_error("the server stopped while starting");
    }
}

Sandbox::~Sandbox() {
    stop();
}

void Sandbox::stop() {
    stopping_ = true; // ends stalled and delayed requests
    if (thread_.joinable()) {
        http_->stop();
        thread_.join();
    }
    webhooks_.stop();
}

void Sandbox::serve(const httplib::Request &request, httplib::Response &response) {
    requests_.fetch_add(1, std::memory_order_relaxed);
    Context ctx{request, uuid4(), {}, {}, {}};
    Reply out;
    std::optional<Fault> fault;
    const Route *answering = nullptr;
    // One error shape per API family: the classic envelope, or the Orders API's list.
    auto render = [&](const ApiError &error) {
        return answering && (answering->flags & kErrorsList) ? errors_list(error)
                                                             : envelope(error, ctx.request_id);
    };
    bool cors = false;
    const std::string origin = request.get_header_value("Origin");
    try {
        std::string_view method =
            request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
        if (method == "OPTIONS" && request.has_header("Access-Control-Request-Method")) {
            preflight(request, response, ctx.request_id);
            return;
        }
        if (request.path.rfind("/__sandbox/", 0) != 0) { // never fault the controls
            fault = faults_.take(method, request.path);
            if (fault && fault_before(*fault, response, ctx.request_id)) return;
        }
        bool control = request.path.rfind("/__sandbox/", 0) == 0;
        const Router &routes = !control && is_production_request(request) ? live_router_ : router_;
        Match match = routes.match(method, request.path);
        if (!match.route) {
            if (match.path_known) throw ApiError(405, "method_not_allowed", "Method not allowed");
            throw ApiError(404, "not_found", "Resource " + request.path + " not found.");
        }
        const Route &route = *match.route;
        answering = &route;
        ctx.params = std::move(match.params);
        // Which route of the table answered: lets a client's tests check end to end that its
        // method and path reach the operation it meant. Not sent by the real API.
        if (!route.operations.empty() || (route.flags & kBrowser))
            ctx.headers.emplace_back("X-Sandbox-Route", route.label);
        if (!control && request.has_header("Origin") && request.has_header("Authorization"))
            throw private_token_in_page(); // before CORS: the page may not read this answer
        cors = request.has_header("Origin") && (route.flags & kPublicKey);
        if (!(route.flags & kNoAuth)) {
            ctx.cred = authenticate(request, route.flags & kPublicKey);
            accounts_.admit(ctx.cred); // site; 401 for a renewed pair
        }
        // A client's default key and the caller's own may both arrive: the last one wins.
        size_t keys = request.get_header_value_count("X-Idempotency-Key");
        std::string key =
            keys ? request.get_header_value("X-Idempotency-Key", keys - 1) : std::string();
        if ((route.flags & kIdempotencyRequired) && key.empty())
            throw bad_request(4292, "Header X-Idempotency-Key can't be null");
        out = key.empty() || method == "GET" ? route.handler(ctx) : run_once(route, ctx, key);
    } catch (const ApiError &error) {
        out = {error.status, render(error)};
    } catch (const std::exception &) {
        out = {500, render(ApiError(500, "internal_error", "Internal server error"))};
    }
    write_reply(response, ctx.request_id, std::move(out));
    for (auto &[name, value] : ctx.headers)
        response.set_header(name, value);
    if (cors) allow_origin(response, origin);
    if (fault && fault->kind == Fault::Kind::ResetAfter) drop_connection();
    if (fault && fault->kind == Fault::Kind::Truncate) truncate_response();
}

void Sandbox::preflight(const httplib::Request &request, httplib::Response &response,
                        const std::string &request_id) {
    std::string wanted = request.get_header_value("Access-Control-Request-Method");
    Match match = router_.match(wanted, request.path);
    Reply out;
    if (asks_for_authorization(request)) {
        out = {403, envelope(private_token_in_page(), request_id)};
    } else if (match.route && (match.route->flags & kPublicKey)) {
        out = {204, ""};
    } else if (match.route || match.path_known) {
        std::string message = "This route is not open to browser pages: it takes the access "
                              "token, which stays on the merchant's server";
        out = {403,
               envelope(ApiError(403, "forbidden", message, {{"not_a_browser_route", message}}),
                        request_id)};
    } else {
        out = {404, envelope(ApiError(404, "not_found", "Resource " + request.path + " not found."),
                             request_id)};
    }
    write_reply(response, request_id, std::move(out));
    if (response.status != 204) return;
    response.headers.erase("Content-Type");
    allow_origin(response, request.get_header_value("Origin"));
    response.set_header("Access-Control-Allow-Methods", kCorsMethods);
    response.set_header("Access-Control-Allow-Headers", kCorsHeaders);
    response.set_header("Access-Control-Max-Age", kCorsMaxAge);
    // Private Network Access: a page served from a public address asks before calling loopback.
    if (to_lower(request.get_header_value("Access-Control-Request-Private-Network")) == "true")
        response.set_header("Access-Control-Allow-Private-Network", "true");
}

void Sandbox::add_control_routes() {
    add_fault_routes(router_, faults_);
    add_account_routes(router_, accounts_);
    auto reset_route = [this](Context &) {
        reset();
        return Reply{200, "{}"};
    };
    router_.add("DELETE", "/__sandbox/state", kNoAuth, reset_route);
    router_.add("POST", "/__sandbox/reset", kNoAuth, reset_route); // the same, for POST-only tools
    // For container health checks and for waiting until the sandbox is up.
    router_.add("GET", "/__sandbox/health", kNoAuth, [this](Context &) {
        auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::steady_clock::now() - started_);
        json body = {{"status", "ok"},
                     {"version", kVersion},
                     {"uptime_seconds", uptime.count()},
                     {"tls", tls_},
                     {"requests", request_count()},
                     {"connections", connection_count()},
                     {"tls_handshakes", tls_handshake_count()},
                     {"tls_resumed", tls_resumed_count()}};
        return Reply{200, to_text(body)};
    });
}

void Sandbox::reset() {
    faults_.clear();
    idempotency_.clear();
    {
        std::lock_guard lock(state_.mutex);
        state_.clear();
    }
    std::lock_guard lock(live_state_.mutex);
    live_state_.clear();
}

bool Sandbox::fault_before(const Fault &fault, httplib::Response &response,
                           const std::string &request_id) {
    switch (fault.kind) {
    case Fault::Kind::Delay:
        pause(fault.delay_ms);
        return false;
    case Fault::Kind::Stall:
        stall();
        drop_connection();
        return true;
    case Fault::Kind::ResetBefore:
        drop_connection();
        return true;
    case Fault::Kind::Status: {
        ApiError error(fault.status, error_name(fault.status),
                       fault.status == 429 ? "Too many requests" : "Injected fault");
        write_reply(response, request_id, {fault.status, envelope(error, request_id)});
        if (fault.retry_after >= 0)
            response.set_header("Retry-After", std::to_string(fault.retry_after));
        return true;
    }
    case Fault::Kind::Ok:
    case Fault::Kind::ResetAfter:
    case Fault::Kind::Truncate:
        return false;
    }
    return false;
}

void Sandbox::pause(int ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stopping_) {
        auto left = until - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) return;
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
    }
}

void Sandbox::stall() {
    int sock = current_socket();
    while (!stopping_ && sock >= 0) {
        pollfd p{sock, POLLRDHUP, 0};
        int n = ::poll(&p, 1, 50);
        if (n < 0 && errno != EINTR) return;
        if (n > 0) {
            // POLLIN is not asked for: only the client leaving (or an error) ends the wait.
            if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return;
        }
    }
}

Reply Sandbox::run_once(const Route &route, Context &ctx, const std::string &key) {
    const std::string &scope = ctx.cred.ns;
    // "/v1/payments/" is the route "/v1/payments" (see Router), and so the same request here.
    std::string_view path = ctx.http.path;
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    auto claim = idempotency_.begin(scope, key, ctx.http.method, std::string(path), ctx.http.body);
    switch (claim.outcome) {
    case Idempotency::Outcome::Replay:
        return {200, std::move(claim.body)};
    case Idempotency::Outcome::Conflict:
        throw ApiError(409, "idempotency_key_already_used",
                       "idempotency key already used with a different request");
    case Idempotency::Outcome::Locked:
        throw ApiError(423, "idempotency_key_locked",
                       "idempotency key is in use by a request still in progress");
    case Idempotency::Outcome::Proceed:
        break;
    }
    Reply out;
    try {
        out = route.handler(ctx);
    } catch (...) {
        idempotency_.abandon(scope, key);
        throw;
    }
    if (out.status >= 200 && out.status < 300)
        idempotency_.complete(scope, key, out.body);
    else
        idempotency_.abandon(scope, key);
    return out;
}

long Sandbox::connection_count() const {
    return http_ ? connection_counts(*http_).connections : 0;
}
long Sandbox::tls_handshake_count() const {
    return http_ ? connection_counts(*http_).tls_handshakes : 0;
}
long Sandbox::tls_resumed_count() const {
    return http_ ? connection_counts(*http_).tls_resumed : 0;
}

} // namespace mp::sandbox
