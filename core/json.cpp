#include "json.hpp"

#include "error.hpp"

namespace mp {

simdjson::dom::parser &thread_parser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

void release_large_thread_parser() {
    simdjson::dom::parser &parser = thread_parser();
    if (parser.capacity() > (256 << 10)) parser = simdjson::dom::parser(); // frees its buffers
}

JsonType validate_json(std::string_view text) {
    if (text.empty()) throw Error(ErrorKind::Json, "request body is empty, not JSON");
    simdjson::dom::element root;
    auto err = thread_parser().parse(text.data(), text.size()).get(root);
    if (err) {
        release_large_thread_parser();
        throw Error(ErrorKind::Json,
                    std::string("request body is not valid JSON: ") + simdjson::error_message(err));
    }
    JsonType type;
    switch (root.type()) {
    case simdjson::dom::element_type::OBJECT:
        type = JsonType::Object;
        break;
    case simdjson::dom::element_type::ARRAY:
        type = JsonType::Array;
        break;
    case simdjson::dom::element_type::STRING:
        type = JsonType::String;
        break;
    case simdjson::dom::element_type::BOOL:
        type = JsonType::Bool;
        break;
    case simdjson::dom::element_type::NULL_VALUE:
        type = JsonType::Null;
        break;
    default:
        type = JsonType::Number;
    }
    release_large_thread_parser();
    return type;
}

} // namespace mp
