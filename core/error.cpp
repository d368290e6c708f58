#include "error.hpp"

#include "json.hpp"
#include "redact.hpp"

#include <string>

namespace mp {

ErrorKind kind_for_http_status(int status) {
    // The API answers 2xx, 4xx and 5xx only: a redirect or a status outside
    // 200-599 comes from something else in the path (or a wrong base URL).
    if (status < 200 || (status >= 300 && status < 400) || status > 599) return ErrorKind::Protocol;
    switch (status) {
    case 401:
    case 403:
        return ErrorKind::Auth;
    case 404:
        return ErrorKind::NotFound;
    case 409:
    case 423:
        return ErrorKind::Conflict;
    case 429:
        return ErrorKind::RateLimited;
    default:
        return status >= 500 ? ErrorKind::Server : ErrorKind::Validation;
    }
}

bool kind_is_retryable(ErrorKind kind, int http_status) {
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::RateLimited:
    case ErrorKind::Server:
        return true;
    case ErrorKind::Conflict:
        return http_status == 423; // a key still locked by its first use
    default:
        return false;
    }
}

namespace {

constexpr size_t kMaxEnvelopeBytes = 1 << 20;
constexpr size_t kMaxCausesBytes = 16 << 10;
constexpr size_t kMaxApiMessageBytes = 1024;
constexpr size_t kMaxApiErrorBytes = 256;

std::string_view string_member(simdjson::dom::object obj, std::string_view key) {
    std::string_view s;
    if (obj[key].get_string().get(s)) return {};
    return s;
}

// A cause's code is a number or a string depending on the endpoint.
std::string code_text(simdjson::dom::element code) {
    int64_t n;
    if (!code.get_int64().get(n)) return std::to_string(n);
    std::string_view s;
    if (!code.get_string().get(s)) return std::string(s);
    return {};
}

// The causes as a JSON array of at most kMaxCausesBytes: whole causes only,
// so that it stays valid JSON.
std::string causes_within_limit(simdjson::dom::array causes) {
    std::string out = "[";
    for (simdjson::dom::element c : causes) {
        std::string one = simdjson::minify(c);
        if (out.size() + one.size() + 2 > kMaxCausesBytes) break;
        if (out.size() > 1) out.push_back(',');
        out += one;
    }
    out.push_back(']');
    return out;
}

} // namespace

std::string clean_request_id(std::string_view v) {
    std::string out;
    for (char c : v.substr(0, 128))
        if (c > 0x20 && c < 0x7F) out.push_back(c);
    return out;
}

ErrorDetail parse_api_error(int http_status, std::string_view body, std::string_view request_id) {
    ErrorDetail d;
    d.kind = kind_for_http_status(http_status);
    d.http_status = http_status;
    d.request_id = clean_request_id(request_id);
    d.retryable = kind_is_retryable(d.kind, http_status);

    std::string api_message, first_cause;
    simdjson::dom::element root;
    simdjson::dom::object obj;
    // An envelope is small: a larger body is some other server's page, and
    // is not parsed (which would take time past the call's deadline and
    // grow this thread's parser).
    simdjson::dom::parser &parser = thread_parser();
    if (d.kind != ErrorKind::Protocol && !body.empty() && body.size() <= kMaxEnvelopeBytes &&
        !parser.parse(body.data(), body.size()).get(root) && !root.get_object().get(obj)) {
        api_message = string_member(obj, "message");
        d.api_error = string_member(obj, "error");
        if (d.api_error.empty()) d.api_error = string_member(obj, "code"); // PolicyAgent shape
        simdjson::dom::array causes;
        if (!obj["cause"].get_array().get(causes)) {
            d.causes_json = causes_within_limit(causes);
            for (simdjson::dom::element c : causes) {
                simdjson::dom::object co;
                if (c.get_object().get(co)) continue;
                simdjson::dom::element code;
                if (!co["code"].get(code)) first_cause = code_text(code);
                std::string_view desc = string_member(co, "description");
                if (!desc.empty() && desc != api_message) first_cause += std::string(": ") += desc;
                break;
            }
        } else if (!obj["cause"].get_object().error()) {
            // Some endpoints send a single cause object instead of an array.
            std::string one = simdjson::minify(obj["cause"].value_unsafe());
            if (one.size() + 2 <= kMaxCausesBytes) d.causes_json = "[" + one + "]";
        }
    }
    release_large_thread_parser();

    // "Payment not found (HTTP 404 not_found, cause 2000, request id 5f1c...)"
    std::string m;
    if (d.kind == ErrorKind::Protocol && http_status >= 300 && http_status < 400)
        m = "a redirect (HTTP " + std::to_string(http_status) +
            "), not followed: the API never redirects; check the base URL";
    else if (d.kind == ErrorKind::Protocol)
        m = "HTTP " + std::to_string(http_status) + " is not a status the API answers";
    else if (!api_message.empty())
        m = printable(api_message, kMaxApiMessageBytes);
    else if (body.size() > kMaxEnvelopeBytes)
        m = "HTTP " + std::to_string(http_status) + " error with a body of " +
            std::to_string(body.size()) + " bytes, not an error of the API";
    else
        m = "HTTP " + std::to_string(http_status) + " error";
    d.api_error = printable(d.api_error, kMaxApiErrorBytes);
    first_cause = printable(first_cause, kMaxApiMessageBytes);
    m += " (HTTP " + std::to_string(http_status);
    if (!d.api_error.empty()) m += " " + d.api_error;
    if (!first_cause.empty()) m += ", cause " + first_cause;
    if (!d.request_id.empty()) m += ", request id " + d.request_id;
    m += ")";
    d.message = std::move(m);
    return d;
}

} // namespace mp
