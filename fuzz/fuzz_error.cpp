// fuzz_error: the error-envelope parser (mp::parse_api_error): any body a
// server sends with an error status, with any X-Request-Id.
//
// Input: byte 0 picks the HTTP status (below 0x80: one of kStatuses; from
// 0x80 on: 4 raw bytes after the control byte), then the request id up to
// the first '\n', then the body.
#include "common.hpp"

#include "error.hpp"

#include <simdjson.h>

#include <climits>
#include <string>

namespace {

constexpr int kStatuses[16] = {400, 401, 403, 404, 409, 422, 423,     429,
                               500, 502, 503, 599, 0,   301, INT_MIN, INT_MAX};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    std::string_view in = fuzz::as_view(data, size);
    uint8_t control = fuzz::take_byte(in);
    int status = control < 0x80 ? kStatuses[control % 16] : fuzz::take_raw<int>(in);
    std::string_view request_id = fuzz::take(in);

    mp::ErrorDetail d = mp::parse_api_error(status, in, request_id);
    FUZZ_CHECK(d.http_status == status);
    FUZZ_CHECK(!d.message.empty());
    FUZZ_CHECK(fuzz::contains(d.message, "HTTP " + std::to_string(status)));
    FUZZ_CHECK(d.request_id.size() <= request_id.size());
    // The causes are handed to callers as a JSON array.
    simdjson::dom::parser parser;
    simdjson::dom::element causes;
    FUZZ_CHECK(!parser.parse(d.causes_json).get(causes));
    FUZZ_CHECK(causes.is_array());
    return 0;
}
