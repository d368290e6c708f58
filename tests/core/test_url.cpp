#include "error.hpp"
#include "url.hpp"

#include <catch2/catch.hpp>

using namespace mp;

TEST_CASE("url_encode keeps only unreserved characters") {
    CHECK(url_encode("abcXYZ019-._~") == "abcXYZ019-._~");
    CHECK(url_encode("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
    CHECK(url_encode("") == "");
}

TEST_CASE("base URLs: https anywhere, plain http only on loopback") {
    CHECK(normalize_base_url("https://api.mercadopago.com/") == "https://api.mercadopago.com");
    CHECK(normalize_base_url("https://example.com:8443/prefix") ==
          "https://example.com:8443/prefix");
    CHECK(normalize_base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080");
    CHECK(normalize_base_url("http://127.8.9.1") == "http://127.8.9.1");
    CHECK(normalize_base_url("http://localhost:1") == "http://localhost:1");
    CHECK(normalize_base_url("http://[::1]:99") == "http://[::1]:99");
    CHECK_THROWS_AS(normalize_base_url("http://api.mercadopago.com"), Error);
    CHECK_THROWS_AS(normalize_base_url("http://127.0.0.1.evil.com"), Error);
    CHECK_THROWS_AS(normalize_base_url("http://localhost.evil.com"), Error);
    CHECK_THROWS_AS(normalize_base_url("ftp://x"), Error);
    CHECK_THROWS_AS(normalize_base_url("https://"), Error);
    CHECK_THROWS_AS(normalize_base_url("https://u:p@host"), Error);
    CHECK_THROWS_AS(normalize_base_url("https://host/?q=1"), Error);
    CHECK_THROWS_AS(normalize_base_url("https://ho st"), Error);
}

TEST_CASE("path templates are filled, encoded and checked") {
    CHECK(expand_path("/v1/payments/{id}", {{"id", "123"}}) == "/v1/payments/123");
    CHECK(expand_path("/v1/payments/{payment_id}/refunds/{id}",
                      {{"id", "9"}, {"payment_id", "5"}}) == "/v1/payments/5/refunds/9");
    CHECK(expand_path("/v1/customers/{id}", {{"id", "../x y"}}) == "/v1/customers/..%2Fx%20y");
    CHECK(expand_path("/v1/payment_methods", {}) == "/v1/payment_methods");
    CHECK_THROWS_AS(expand_path("/v1/payments/{id}", {}), Error);
    CHECK_THROWS_AS(expand_path("/v1/payments/{id}", {{"id", ""}}), Error);
    CHECK_THROWS_AS(expand_path("/v1/payments", {{"id", "1"}}), Error);
}

TEST_CASE("query strings keep order and encode both sides") {
    CHECK(build_query({}) == "");
    CHECK(build_query({{"external_reference", "order #1"}, {"limit", "2"}}) ==
          "?external_reference=order%20%231&limit=2");
    CHECK(build_query({{"payer.id", "1"}}) == "?payer.id=1");
}

TEST_CASE("the OAuth authorization URL") {
    CHECK(
        oauth_authorization_url("123", "https://shop.example/cb?x=1", "st 1") ==
        "https://auth.mercadopago.com/authorization?client_id=123&response_type=code&platform_id=mp"
        "&state=st%201&redirect_uri=https%3A%2F%2Fshop.example%2Fcb%3Fx%3D1");
    CHECK(oauth_authorization_url("123", "http://localhost:8000/cb", "").find("state") ==
          std::string::npos);
    CHECK_THROWS_AS(oauth_authorization_url("", "https://x/cb", ""), Error);
    CHECK_THROWS_AS(oauth_authorization_url("1", "http://shop.example/cb", ""), Error);
}
