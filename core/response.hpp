// One HTTP answer of the API, with the body parsed on first use.
#pragma once

#include "error.hpp"
#include "transport.hpp"

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>

namespace mp {

struct Response {
    HttpResponse http;
    std::string request_id;      // X-Request-Id
    std::string idempotency_key; // the key sent, empty for reads
    int attempts = 1;
    std::optional<ErrorDetail> error; // set when the API answered with an error status

    // The parsed body. Throws Error(Json) when the body is not JSON. The
    // element lives as long as this response.
    simdjson::dom::element json();

    // The value at an RFC 6901 JSON pointer ("" is the whole document);
    // nullopt when there is nothing there.
    std::optional<simdjson::dom::element> at(std::string_view pointer);

  private:
    std::unique_ptr<simdjson::dom::parser> parser_;
    simdjson::dom::element root_;
};

} // namespace mp
