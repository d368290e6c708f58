#include "router.hpp"

#include <algorithm>
#include <stdexcept>

#include "errors.hpp"
#include "operations.hpp"

namespace mp::sandbox {

namespace {

// "/a/b/c" -> {"a","b","c"}; "" and "/" -> {}. One trailing slash is dropped ("/a/b/" is
// "/a/b"); any other empty segment ("/a//b", "/a/b//") is kept, so such paths match no route.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.empty() || path.front() != '/') return {std::string_view("\x01")};
    path.remove_prefix(1);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return out;
    while (true) {
        size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

// A pattern's segments: "{name}" is a parameter, anything else a literal.
std::vector<Segment> parse_pattern(std::string_view pattern) {
    std::vector<Segment> out;
    for (auto part : split_path(pattern)) {
        bool param = part.size() > 2 && part.front() == '{' && part.back() == '}';
        if (!param && (part.empty() || part.find_first_of("{}") != std::string_view::npos))
            throw std::logic_error("sandbox: malformed route pattern \"" + std::string(pattern) +
                                   "\"");
        out.push_back(param ? Segment{std::string(part.substr(1, part.size() - 2)), true}
                            : Segment{std::string(part), false});
    }
    return out;
}

bool same_shape(const std::vector<Segment> &a, const std::vector<Segment> &b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].is_param != b[i].is_param) return false;
        if (!a[i].is_param && a[i].text != b[i].text) return false;
    }
    return true;
}

bool matches(const Route &route, const std::vector<std::string_view> &segments) {
    if (route.segments.size() != segments.size()) return false;
    for (size_t i = 0; i < segments.size(); ++i) {
        const Segment &want = route.segments[i];
        if (want.is_param ? segments[i].empty() : want.text != segments[i]) return false;
    }
    return true;
}

// Of two routes matching the same path, the one whose first differing segment is a literal.
bool more_specific(const Route &a, const Route &b) {
    for (size_t i = 0; i < a.segments.size(); ++i)
        if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    return false;
}

bool is_blank(const std::string &text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

} // namespace

const std::string &Context::param(std::string_view name) const {
    for (const auto &[key, value] : params)
        if (key == name) return value;
    throw std::logic_error("sandbox: the route has no path parameter {" + std::string(name) + "}");
}

std::optional<std::string> Context::query(const char *name) const {
    if (!http.has_param(name)) return std::nullopt;
    return http.get_param_value(name);
}

std::optional<json> Context::body_json(const json &code) const {
    if (is_blank(http.body)) return std::nullopt;
    try {
        return json::parse(http.body);
    } catch (const json::parse_error &e) {
        throw bad_request(code,
                          "Malformed JSON body: syntax error at byte " + std::to_string(e.byte));
    }
}

json Context::body_object(const json &code) const {
    auto body = body_json(code);
    if (!body || !body->is_object())
        throw bad_request(code, "The request body must be a JSON object");
    return std::move(*body);
}

void Router::handle(std::string_view operation, int flags, Handler handler) {
    handle({operation}, flags, std::move(handler));
}

void Router::handle(std::initializer_list<std::string_view> operations, int flags,
                    Handler handler) {
    if (operations.size() == 0) throw std::logic_error("sandbox: handle() without an operation");
    const TableOperation *first = nullptr;
    Route route;
    for (std::string_view name : operations) {
        const TableOperation *op = find_table_operation(name);
        if (!op)
            throw std::logic_error("sandbox: a handler for \"" + std::string(name) +
                                   "\", which is not in the operations table");
        if (route_for(name) || std::find(route.operations.begin(), route.operations.end(), name) !=
                                   route.operations.end())
            throw std::logic_error("sandbox: two handlers for \"" + std::string(name) + "\"");
        if (first && (op->method != first->method || op->path != first->path))
            throw std::logic_error("sandbox: \"" + std::string(name) + "\" and \"" +
                                   std::string(first->name) +
                                   "\" differ in method or path: give each its own handler");
        if (!first) first = op;
        route.operations.emplace_back(name);
    }
    route.method = std::string(first->method);
    route.pattern = std::string(first->path);
    route.segments = parse_pattern(first->path);
    route.flags = flags;
    route.handler = std::move(handler);
    insert(std::move(route));
}

void Router::add(std::string method, std::string_view pattern, int flags, Handler handler) {
    Route route;
    route.method = std::move(method);
    route.pattern = std::string(pattern);
    route.segments = parse_pattern(pattern);
    route.flags = flags;
    route.handler = std::move(handler);
    insert(std::move(route));
}

void Router::insert(Route route) {
    route.label = route.method + " " + route.pattern;
    // A second route of the same method and shape could never be reached: a bug, unless both
    // serve table operations sharing a path (then the table itself names them apart).
    for (const Route &other : routes_) {
        if (other.method != route.method || !same_shape(other.segments, route.segments)) continue;
        std::string what = route.operations.empty() ? route.pattern : route.operations.front();
        std::string served = other.operations.empty() ? other.pattern : other.operations.front();
        throw std::logic_error("sandbox: " + route.method + " " + route.pattern + " (" + what +
                               ") is already routed to " + served +
                               ": operations sharing a method and path take one handler");
    }
    routes_.push_back(std::move(route));
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    auto segments = split_path(path);
    const Route *best = nullptr;
    for (const auto &route : routes_) {
        if (!matches(route, segments)) continue;
        if (route.method != method) {
            result.path_known = true;
            continue;
        }
        if (!best || more_specific(route, *best)) best = &route;
    }
    if (!best) return result;
    result.route = best;
    for (size_t i = 0; i < segments.size(); ++i)
        if (best->segments[i].is_param)
            result.params.emplace_back(best->segments[i].text, segments[i]);
    return result;
}

const Route *Router::route_for(std::string_view operation) const {
    for (const auto &route : routes_)
        for (const auto &name : route.operations)
            if (name == operation) return &route;
    return nullptr;
}

std::vector<std::string_view> Router::unhandled_operations() const {
    std::vector<std::string_view> out;
    for (const TableOperation &op : table_operations())
        if (!route_for(op.name)) out.push_back(op.name);
    return out;
}

} // namespace mp::sandbox
