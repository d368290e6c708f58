// Reading JSON with simdjson: validation of caller bodies, and typed reads.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace mp {

enum class JsonType { Object, Array, String, Number, Bool, Null };

// Parses text as JSON and throws Error(Json) with a clear message when it is
// not valid. Returns the type of the top-level value.
JsonType validate_json(std::string_view text);

// A parser reused by the calling thread (simdjson parsers are not thread-safe
// but cheap to keep one per thread).
simdjson::dom::parser &thread_parser();

// Drops the thread's parser when a large document grew it, so that a thread
// does not keep megabytes for the rest of its life. Call when done with what
// the parser returned.
void release_large_thread_parser();

} // namespace mp
