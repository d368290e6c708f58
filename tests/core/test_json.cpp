#include "error.hpp"
#include "json.hpp"
#include "json_writer.hpp"

#include <catch2/catch.hpp>

using namespace mp;

TEST_CASE("UTF-8 validation accepts well-formed text and refuses the rest") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("São Paulo, Bogotá, ñandú"));
    CHECK(is_valid_utf8("\xF0\x9F\x92\xB3 card emoji"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xC3"));             // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
}

TEST_CASE("the writer escapes what JSON requires") {
    std::string s;
    append_json_string(s, "a\"b\\c\n\t\x01/é");
    CHECK(s == "\"a\\\"b\\\\c\\n\\t\\u0001/é\"");
    std::string bad;
    CHECK_THROWS_AS(append_json_string(bad, "\xff"), Error);
}

TEST_CASE("validate_json reports the type or throws a JSON error") {
    CHECK(validate_json("{}") == JsonType::Object);
    CHECK(validate_json(" [1] ") == JsonType::Array);
    CHECK(validate_json("\"x\"") == JsonType::String);
    try {
        validate_json("{\"a\": }");
        FAIL("no exception");
    } catch (const Error &e) {
        CHECK(e.detail().kind == ErrorKind::Json);
        CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
    }
    CHECK_THROWS_AS(validate_json(""), Error);
    CHECK_THROWS_AS(validate_json("{\"a\":1} trailing"), Error);
}
