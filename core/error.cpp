#include "error.hpp"

#include "json.hpp"

#include <string>

namespace mp {

ErrorKind kind_for_http_status(int status) {
    switch (status) {
    case 401:
    case 403: return ErrorKind::Auth;
    case 404: return ErrorKind::NotFound;
    case 409:
    case 423: return ErrorKind::Conflict;
    case 429: return ErrorKind::RateLimited;
    default: return status >= 500 ? ErrorKind::Server : ErrorKind::Validation;
    }
}

bool kind_is_retryable(ErrorKind kind, int http_status) {
    switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Timeout:
    case ErrorKind::RateLimited:
    case ErrorKind::Server: return true;
    case ErrorKind::Conflict: return http_status == 423; // a key still locked by its first use
    default: return false;
    }
}

namespace {

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

} // namespace

ErrorDetail parse_api_error(int http_status, std::string_view body, std::string_view request_id) {
    ErrorDetail d;
    d.kind = kind_for_http_status(http_status);
    d.http_status = http_status;
    d.request_id = request_id;
    d.retryable = kind_is_retryable(d.kind, http_status);

    std::string api_message, first_cause;
    simdjson::dom::element root;
    simdjson::dom::object obj;
    if (!thread_parser().parse(body.data(), body.size()).get(root) && !root.get_object().get(obj)) {
        api_message = string_member(obj, "message");
        d.api_error = string_member(obj, "error");
        if (d.api_error.empty()) d.api_error = string_member(obj, "code"); // PolicyAgent shape
        simdjson::dom::array causes;
        if (!obj["cause"].get_array().get(causes)) {
            d.causes_json = simdjson::minify(causes);
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
            d.causes_json = "[" + simdjson::minify(obj["cause"].value_unsafe()) + "]";
        }
    }

    // "Payment not found (HTTP 404 not_found, cause 2000, request id 5f1c...)"
    std::string m = api_message.empty() ? "HTTP " + std::to_string(http_status) + " error"
                                        : api_message;
    m += " (HTTP " + std::to_string(http_status);
    if (!d.api_error.empty()) m += " " + d.api_error;
    if (!first_cause.empty()) m += ", cause " + first_cause;
    if (!d.request_id.empty()) m += ", request id " + d.request_id;
    m += ")";
    d.message = std::move(m);
    return d;
}

} // namespace mp
