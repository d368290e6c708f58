// Request context, replies and the route table.
//
// The operations of the Mercado Pago API are routed from the client's operations table
// (operations.hpp): a handler is registered by operation name, router.handle("payments.get", ..),
// and the method and path template come from the table. Routes the table does not have (the
// sandbox's own /__sandbox/... controls) are registered with an explicit method and pattern.
// Patterns name their parameters as the table does ("/v1/payments/{payment_id}/refunds/{id}");
// handlers read them by that name. Paths are matched segment by segment, without regular
// expressions (routing is on every request's path); a literal segment wins over a parameter
// ("/v1/payments/search" is not payments.get), and one trailing slash is ignored, as the API
// does ("/v1/payments/123/" is "/v1/payments/123").
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <httplib.h>

#include "auth.hpp"
#include "util.hpp"

namespace mp::sandbox {

struct Context {
    const httplib::Request &http;
    std::string request_id;
    Credential cred;
    std::vector<std::pair<std::string, std::string>> params;  // {name} segments: (name, value)
    std::vector<std::pair<std::string, std::string>> headers; // extra response headers

    // The path parameter of that name ("id", "payment_id", ...). A name the route does not have
    // is a bug of the handler: std::logic_error (a 500).
    const std::string &param(std::string_view name) const;
    std::optional<std::string> query(const char *name) const;

    // The body parsed as JSON; nullopt when it is empty (or blank). Malformed JSON is a 400 with
    // the given cause code; the message says where, and never quotes the body.
    std::optional<json> body_json(const json &code) const;
    // The body as a JSON object, else a 400 with the given cause code.
    json body_object(const json &code) const;
};

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type; // empty: JSON (the API's answers); the web assets say theirs

    Reply() = default;
    Reply(int status_, std::string body_, std::string content_type_ = {})
        : status(status_), body(std::move(body_)), content_type(std::move(content_type_)) {}
};

using Handler = std::function<Reply(Context &)>;

enum RouteFlags : int {
    kNoFlags = 0,
    kPublicKey = 1,           // ?public_key= is accepted instead of a Bearer token
    kIdempotencyRequired = 2, // X-Idempotency-Key is mandatory (400 cause 4292)
    kNoAuth = 4,              // sandbox control routes: no credentials
    kErrorsList = 8,          // the Orders API family: every error is {"errors":[...]} (errors.hpp)
    kBrowser = 16, // called by MercadoPago.js only (routes_browser.cpp): not in the table
};

struct Segment {
    std::string text; // the literal, or the parameter's name
    bool is_param = false;
};

struct Route {
    std::string method;
    std::string pattern; // as registered, e.g. "/v1/payments/{id}"
    std::vector<Segment> segments;
    std::vector<std::string> operations; // the table's operations it serves; empty: not an API one
    std::string label; // "GET /v1/payments/{id}", made once: the X-Sandbox-Route of its answers
    int flags = kNoFlags;
    Handler handler;
};

struct Match {
    const Route *route = nullptr;
    bool path_known = false; // another method serves this path
    std::vector<std::pair<std::string, std::string>> params;
};

class Router {
  public:
    // Serves the operation of the table with that name. Operations that share a method and path
    // in the table (payments.update, .capture and .cancel) share one handler: pass all their
    // names. A name that is not in the table, an operation already served, or names whose
    // method or path differ are bugs of the sandbox: std::logic_error, at start-up.
    void handle(std::string_view operation, int flags, Handler handler);
    void handle(std::initializer_list<std::string_view> operations, int flags, Handler handler);

    // A route outside the operations table (the /__sandbox/ controls). std::logic_error when the
    // same method and pattern is already routed.
    void add(std::string method, std::string_view pattern, int flags, Handler handler);

    Match match(std::string_view method, std::string_view path) const;

    // What is routed, for tests and diagnostics.
    const std::vector<Route> &routes() const { return routes_; }
    // The route serving that table operation, nullptr when none does.
    const Route *route_for(std::string_view operation) const;
    // The table's operations no handler serves, in table order (empty when all are served).
    std::vector<std::string_view> unhandled_operations() const;

  private:
    void insert(Route route);

    std::vector<Route> routes_;
};

} // namespace mp::sandbox
