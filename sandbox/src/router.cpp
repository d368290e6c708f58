#include "router.hpp"

#include "errors.hpp"

namespace mp::sandbox {

namespace {

// "/a/b/c" -> {"a","b","c"}; "" and "/" -> {}. An empty segment ("/a//b", "/a/") is kept, so
// such paths match no route.
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.empty() || path.front() != '/') return {std::string_view("\x01")};
    path.remove_prefix(1);
    if (path.empty()) return out;
    while (true) {
        size_t slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool is_blank(const std::string &text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

} // namespace

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

void Router::add(std::string method, std::string_view pattern, int flags, Handler handler) {
    Route route;
    route.method = std::move(method);
    for (auto segment : split_path(pattern))
        route.segments.emplace_back(segment);
    route.flags = flags;
    route.handler = std::move(handler);
    routes_.push_back(std::move(route));
}

Match Router::match(std::string_view method, std::string_view path) const {
    Match result;
    auto segments = split_path(path);
    for (const auto &route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        bool ok = true;
        for (size_t i = 0; i < segments.size() && ok; ++i) {
            const auto &want = route.segments[i];
            ok = want == "{}" ? !segments[i].empty() : want == segments[i];
        }
        if (!ok) continue;
        if (route.method != method) {
            result.path_known = true;
            continue;
        }
        result.route = &route;
        for (size_t i = 0; i < segments.size(); ++i)
            if (route.segments[i] == "{}") result.params.emplace_back(segments[i]);
        return result;
    }
    return result;
}

} // namespace mp::sandbox
