// Request context, replies and the route table. Paths are matched segment by segment
// ("/v1/payments/{}/refunds"), without regular expressions: routing is on every request's path.
#pragma once

#include <functional>
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
    std::vector<std::string> params; // the {} segments of the route, in order
    std::vector<std::pair<std::string, std::string>> headers; // extra response headers

    const std::string &param(size_t i) const { return params.at(i); }
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
};

using Handler = std::function<Reply(Context &)>;

enum RouteFlags : int {
    kNoFlags = 0,
    kPublicKey = 1,           // ?public_key= is accepted instead of a Bearer token
    kIdempotencyRequired = 2, // X-Idempotency-Key is mandatory (400 cause 4292)
    kNoAuth = 4,              // sandbox control routes: no credentials
};

struct Route {
    std::string method;
    std::vector<std::string> segments; // "{}" is a parameter
    int flags = kNoFlags;
    Handler handler;
};

struct Match {
    const Route *route = nullptr;
    bool path_known = false; // another method serves this path
    std::vector<std::string> params;
};

class Router {
  public:
    void add(std::string method, std::string_view pattern, int flags, Handler handler);
    Match match(std::string_view method, std::string_view path) const;

  private:
    std::vector<Route> routes_;
};

} // namespace mp::sandbox
