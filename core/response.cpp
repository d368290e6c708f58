#include "response.hpp"

namespace mp {

simdjson::dom::element Response::json() {
    if (!parser_) {
        auto parser = std::make_unique<simdjson::dom::parser>();
        auto err = parser->parse(http.body.data(), http.body.size()).get(root_);
        if (err)
            throw Error(ErrorKind::Json, std::string("the response body is not valid JSON: ") +
                                             simdjson::error_message(err));
        parser_ = std::move(parser);
    }
    return root_;
}

std::optional<simdjson::dom::element> Response::at(std::string_view pointer) {
    simdjson::dom::element root = json();
    if (pointer.empty()) return root;
    simdjson::dom::element e;
    if (root.at_pointer(pointer).get(e)) return std::nullopt;
    return e;
}

} // namespace mp
