#include "client.hpp"
#include "operations.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace mp;

TEST_CASE("every operation has a unique name, a path and a known shape") {
    std::set<std::string_view> names;
    for (const Operation &op : operations()) {
        INFO(op.name);
        CHECK(names.insert(op.name).second);
        CHECK(op.name.find('.') != std::string_view::npos);
        CHECK(op.path.substr(0, 1) == "/");
        // Every brace opens and closes a placeholder.
        size_t open = 0;
        for (char c : op.path) {
            if (c == '{') ++open;
            if (c == '}') --open;
        }
        CHECK(open == 0);
        // Reads send no body; a preset only makes sense with a body.
        if (op.method == Method::GET) CHECK_FALSE(op.has_body);
        if (!op.preset.empty()) CHECK(op.has_body);
        CHECK(find_operation(op.name) == &op);
    }
    CHECK(names.size() >= 23);
}

TEST_CASE("lookups find the rows of the spec") {
    const Operation *op = find_operation("refunds.create");
    REQUIRE(op);
    CHECK(op->method == Method::POST);
    CHECK(op->path == "/v1/payments/{payment_id}/refunds");
    CHECK(is_write(op->method));
    CHECK_FALSE(is_write(find_operation("payments.search")->method));
    CHECK(find_operation("payments.search")->paging == Paging::RESULTS);
    CHECK(find_operation("cards.list")->paging == Paging::ARRAY);
    CHECK(find_operation("payments.capture")->preset == "\"capture\":true");
    CHECK(find_operation("nope") == nullptr);
    CHECK(method_name(Method::DELETE) == "DELETE");
    CHECK(paging_name(Paging::DATA) == "data");
}

TEST_CASE("a preset member is sent once, the preset's way") {
    Config config;
    config.base_url = "http://127.0.0.1:1";
    config.access_token = "TEST-unit-token-1";
    Client client(config);
    CallOptions o;
    o.path_params = {{"id", "1"}};
    o.body = R"({"capture":false,"transaction_amount":5,"na\"me":"x"})";
    o.has_body = true;
    PreparedCall pc = client.prepare(*find_operation("payments.capture"), o);
    CHECK(pc.http.body == R"({"transaction_amount":5,"na\"me":"x","capture":true})");
    o.body = "{}";
    CHECK(client.prepare(*find_operation("payments.capture"), o).http.body ==
          R"({"capture":true})");
    o.has_body = false;
    CHECK(client.prepare(*find_operation("payments.capture"), o).http.body ==
          R"({"capture":true})");
}
