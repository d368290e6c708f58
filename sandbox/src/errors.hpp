// The API's error envelope: {"message","error","status","cause":[{"code","description","data"}]}.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mp::sandbox {

struct Cause {
    nlohmann::json code; // an integer or a string, as in the real API
    std::string description;
};

// Thrown by request handlers; the dispatcher turns it into the envelope.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string error, std::string message, std::vector<Cause> causes = {});

    int status;
    std::string error;
    std::vector<Cause> causes;
};

// 400 bad_request whose single cause repeats the message.
ApiError bad_request(nlohmann::json code, const std::string &message);
// 404 not_found whose single cause repeats the message.
ApiError not_found(nlohmann::json code, const std::string &message);
// 401 unauthorized.
ApiError unauthorized(int code, const std::string &message);

// The envelope as JSON text; every cause gets data = "<dd-mm-yyyyTHH:MM:SSUTC>;<request id>".
std::string envelope(const ApiError &error, const std::string &request_id);

// The Orders API's shape of the same error, for every status of that family (its reference's
// "possible errors"): {"errors":[{"code","message","details":[]}]}. The code is the first cause's
// when that is a string ("order_not_found"), else the error's ("unauthorized",
// "idempotency_key_already_used"), "invalid_properties" for a classic bad_request.
std::string errors_list(const ApiError &error);

} // namespace mp::sandbox
