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

TEST_CASE("the writer builds nested documents that simdjson reads back") {
    JsonWriter w;
    w.begin_object()
        .key("transaction_amount").value(100.5)
        .key("installments").value(3)
        .key("capture").value(false)
        .key("description").value("Café \"especial\"")
        .key("metadata").null()
        .key("items").begin_array()
            .begin_object().key("id").value("sku-1").end_object()
            .begin_object().key("id").value("sku-2").end_object()
        .end_array()
        .key("raw").raw("[1,2]")
    .end_object();
    std::string text = w.take();
    CHECK(text == "{\"transaction_amount\":100.5,\"installments\":3,\"capture\":false,"
                  "\"description\":\"Café \\\"especial\\\"\",\"metadata\":null,"
                  "\"items\":[{\"id\":\"sku-1\"},{\"id\":\"sku-2\"}],\"raw\":[1,2]}");
    CHECK(validate_json(text) == JsonType::Object);
}

TEST_CASE("doubles are written in their shortest round-trip form") {
    JsonWriter w;
    w.begin_array().value(0.1).value(1e21).value(-0.0).value(123456789.125).end_array();
    CHECK(w.str() == "[0.1,1e+21,-0,123456789.125]");
    JsonWriter bad;
    CHECK_THROWS_AS(bad.value(std::numeric_limits<double>::quiet_NaN()), Error);
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
