#include "client.hpp"

#include "json.hpp"
#include "uuid.hpp"

#include <strings.h>

namespace mp {

void check_access_token(std::string_view token) {
    if (token.empty()) throw Error(ErrorKind::InvalidArgument, "no access token is configured");
    for (char c : token)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            throw Error(ErrorKind::InvalidArgument,
                        "the access token contains spaces or control characters");
}

std::string redact(std::string text, std::string_view secret) {
    if (secret.size() < 4) return text;
    for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
        text.replace(pos, secret.size(), "[REDACTED]");
    return text;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

void check_header(std::string_view name, std::string_view value) {
    if (name.empty()) throw Error(ErrorKind::InvalidArgument, "a header name is empty");
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == ':')
            throw Error(ErrorKind::InvalidArgument, "invalid header name '" + std::string(name) + "'");
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
            throw Error(ErrorKind::InvalidArgument,
                        "header '" + std::string(name) + "' is set by the client" +
                            (iequals(name, "Authorization") ? "; use the access token option" : ""));
}

// {caller members..., preset members}: the preset comes last so that it wins.
std::string merge_preset(const std::string &body, std::string_view preset) {
    size_t open = body.find('{');
    size_t close = body.rfind('}');
    bool empty = body.find_first_not_of(" \t\r\n", open + 1) == close;
    std::string out = body.substr(0, close);
    if (!empty) out.push_back(',');
    out += preset;
    out.push_back('}');
    return out;
}

} // namespace

Client::Client(Config config) : config_(std::move(config)) {
    config_.base_url = normalize_base_url(config_.base_url);
    if (!config_.access_token.empty()) check_access_token(config_.access_token);
    if (config_.connect_timeout_ms <= 0 || config_.timeout_ms <= 0)
        throw Error(ErrorKind::InvalidArgument, "timeouts must be positive");
    for (const std::string *id : {&config_.platform_id, &config_.integrator_id,
                                  &config_.corporation_id, &config_.user_agent_suffix})
        check_header("X-Id", *id);
    transport_ = std::make_unique<Transport>(config_);
}

Response Client::call(const Operation &op, const CallOptions &o) {
    const std::string &token = o.access_token.empty() ? config_.access_token : o.access_token;
    check_access_token(token);
    if (o.timeout_ms < 0) throw Error(ErrorKind::InvalidArgument, "the timeout must be positive");

    HttpRequest req;
    req.method = method_name(op.method);
    req.url = config_.base_url + expand_path(op.path, o.path_params) + build_query(o.query);
    req.timeout_ms = o.timeout_ms;

    // Bodies are checked before anything is sent: bad JSON never leaves the process.
    std::string body;
    if (o.has_body) {
        if (!op.has_body)
            throw Error(ErrorKind::InvalidArgument,
                        std::string(op.name) + " takes no request body");
        if (validate_json(o.body) != JsonType::Object)
            throw Error(ErrorKind::Json, "the request body must be a JSON object");
        body = o.body;
    }
    if (!op.preset.empty()) body = merge_preset(body.empty() ? "{}" : body, op.preset);
    req.has_body = !body.empty();
    req.body = body;

    req.headers.reserve(8 + o.headers.size());
    req.headers.push_back("Authorization: Bearer " + token);
    req.headers.emplace_back("Accept: application/json");
    if (req.has_body) req.headers.emplace_back("Content-Type: application/json; charset=UTF-8");
    req.headers.emplace_back("Expect:"); // no 100-continue round trip
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
        if (key.empty()) key = uuid_v4();
        req.headers.push_back("X-Idempotency-Key: " + key);
    } else {
        key.clear(); // reads are naturally idempotent and never carry a key
    }
    if (!config_.platform_id.empty()) req.headers.push_back("X-Platform-Id: " + config_.platform_id);
    if (!config_.integrator_id.empty())
        req.headers.push_back("X-Integrator-Id: " + config_.integrator_id);
    if (!config_.corporation_id.empty())
        req.headers.push_back("X-Corporation-Id: " + config_.corporation_id);

    Response res;
    res.idempotency_key = key;
    try {
        res.http = transport_->perform(req);
    } catch (Error &e) {
        ErrorDetail &d = e.detail();
        d.message = redact(d.message + " (" + std::string(req.method) + " " + std::string(op.path) + ")", token);
        d.idempotency_key = key;
        d.attempts = 1;
        d.retryable = kind_is_retryable(d.kind, 0);
        throw;
    }
    if (const std::string *rid = res.http.header("X-Request-Id")) res.request_id = *rid;
    if (res.http.status >= 400) {
        ErrorDetail d = parse_api_error(static_cast<int>(res.http.status), res.http.body, res.request_id);
        d.message = redact(std::move(d.message), token);
        d.idempotency_key = key;
        d.attempts = res.attempts;
        res.error = std::move(d);
    }
    return res;
}

} // namespace mp
