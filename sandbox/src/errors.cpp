#include "errors.hpp"

#include "util.hpp"

namespace mp::sandbox {

ApiError::ApiError(int status_, std::string error_, std::string message, std::vector<Cause> causes_)
    : std::runtime_error(std::move(message)), status(status_), error(std::move(error_)),
      causes(std::move(causes_)) {}

ApiError bad_request(nlohmann::json code, const std::string &message) {
    return ApiError(400, "bad_request", message, {{std::move(code), message}});
}

ApiError not_found(nlohmann::json code, const std::string &message) {
    return ApiError(404, "not_found", message, {{std::move(code), message}});
}

ApiError unauthorized(int code, const std::string &message) {
    return ApiError(401, "unauthorized", message, {{code, message}});
}

std::string envelope(const ApiError &error, const std::string &request_id) {
    json causes = json::array();
    if (!error.causes.empty()) {
        std::string data = format_error_stamp(now_ms()) + ";" + request_id;
        for (const auto &cause : error.causes)
            causes.push_back(
                {{"code", cause.code}, {"description", cause.description}, {"data", data}});
    }
    return to_text({{"message", error.what()},
                    {"error", error.error},
                    {"status", error.status},
                    {"cause", std::move(causes)}});
}

std::string errors_list(const ApiError &error) {
    std::string code = error.error == "bad_request" ? "invalid_properties" : error.error;
    if (!error.causes.empty() && error.causes.front().code.is_string())
        code = error.causes.front().code.get<std::string>();
    json entry = {{"code", code}, {"message", error.what()}, {"details", json::array()}};
    return to_text({{"errors", json::array({std::move(entry)})}});
}

} // namespace mp::sandbox
