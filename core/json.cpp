#include "json.hpp"

#include "error.hpp"

namespace mp {

simdjson::dom::parser &thread_parser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

JsonType validate_json(std::string_view text) {
    simdjson::dom::element root;
    auto err = thread_parser().parse(text.data(), text.size()).get(root);
    if (err)
        throw Error(ErrorKind::Json,
                    std::string("request body is not valid JSON: ") + simdjson::error_message(err));
    switch (root.type()) {
    case simdjson::dom::element_type::OBJECT: return JsonType::Object;
    case simdjson::dom::element_type::ARRAY: return JsonType::Array;
    case simdjson::dom::element_type::STRING: return JsonType::String;
    case simdjson::dom::element_type::BOOL: return JsonType::Bool;
    case simdjson::dom::element_type::NULL_VALUE: return JsonType::Null;
    default: return JsonType::Number;
    }
}

} // namespace mp
