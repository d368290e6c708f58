#include "client.hpp"
#include "redact.hpp"
#include "retry.hpp"
#include "error.hpp"
#include "uuid.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace mp;

TEST_CASE("the API envelope becomes the error detail") {
    ErrorDetail d =
        parse_api_error(404,
                        R"({"message":"Payment not found","error":"not_found","status":404,)"
                        R"("cause":[{"code":2000,"description":"Payment not found","data":"x"}]})",
                        "req-1");
    CHECK(d.kind == ErrorKind::NotFound);
    CHECK(d.http_status == 404);
    CHECK(d.api_error == "not_found");
    CHECK(d.request_id == "req-1");
    CHECK(d.causes_json == R"([{"code":2000,"description":"Payment not found","data":"x"}])");
    CHECK(d.message == "Payment not found (HTTP 404 not_found, cause 2000, request id req-1)");
    CHECK_FALSE(d.retryable);
}

TEST_CASE("string cause codes, single cause objects and other shapes are tolerated") {
    ErrorDetail d = parse_api_error(
        400,
        R"({"message":"bad","error":"bad_request","cause":[{"code":"E301","description":"invalid card"}]})",
        "");
    CHECK(d.kind == ErrorKind::Validation);
    CHECK(d.message == "bad (HTTP 400 bad_request, cause E301: invalid card)");
    d = parse_api_error(400, R"({"message":"m","cause":{"code":1}})", "");
    CHECK(d.causes_json == R"([{"code":1}])");
    // PolicyAgent's 403 has "code" instead of "error".
    d = parse_api_error(
        403,
        R"({"message":"At least one policy returned UNAUTHORIZED.","code":"PA_UNAUTHORIZED_RESULT_FROM_POLICIES","status":403})",
        "r");
    CHECK(d.kind == ErrorKind::Auth);
    CHECK(d.api_error == "PA_UNAUTHORIZED_RESULT_FROM_POLICIES");
    // Not JSON at all (a proxy's HTML page).
    d = parse_api_error(502, "<html>Bad Gateway</html>", "");
    CHECK(d.kind == ErrorKind::Server);
    CHECK(d.retryable);
    CHECK(d.causes_json == "[]");
    CHECK(d.message == "HTTP 502 error (HTTP 502)");
}

TEST_CASE("HTTP statuses map to categories") {
    CHECK(kind_for_http_status(400) == ErrorKind::Validation);
    CHECK(kind_for_http_status(401) == ErrorKind::Auth);
    CHECK(kind_for_http_status(403) == ErrorKind::Auth);
    CHECK(kind_for_http_status(404) == ErrorKind::NotFound);
    CHECK(kind_for_http_status(409) == ErrorKind::Conflict);
    CHECK(kind_for_http_status(422) == ErrorKind::Validation);
    CHECK(kind_for_http_status(423) == ErrorKind::Conflict);
    CHECK(kind_for_http_status(429) == ErrorKind::RateLimited);
    CHECK(kind_for_http_status(503) == ErrorKind::Server);
    CHECK(kind_is_retryable(ErrorKind::RateLimited, 429));
    CHECK(kind_is_retryable(ErrorKind::Conflict, 423));
    CHECK_FALSE(kind_is_retryable(ErrorKind::Conflict, 409));
    CHECK_FALSE(kind_is_retryable(ErrorKind::Tls, 0));
}

TEST_CASE("UUIDs are version 4, random and well-formed") {
    std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        std::string u = uuid_v4();
        REQUIRE(std::regex_match(u, shape));
        seen.insert(u);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("redaction and token checks never repeat the token") {
    CHECK(redact_text("Bearer TEST-abc-123 failed for TEST-abc-123", "TEST-abc-123") ==
          "Bearer [REDACTED] failed for [REDACTED]");
    CHECK(redact_text("nothing here", "TEST-abc-123") == "nothing here");
    try {
        check_access_token("TEST-has space");
        FAIL("accepted");
    } catch (const Error &e) {
        CHECK(std::string(e.what()).find("has space") == std::string::npos);
    }
    CHECK_THROWS_AS(check_access_token(""), Error);
    CHECK_NOTHROW(check_access_token("APP_USR-abc-123"));
}

TEST_CASE("card numbers are masked in free text, other numbers are kept") {
    CHECK(redact_text("card 4509953566233704 declined", "") == "card [REDACTED] declined");
    CHECK(redact_text("amex 371180303257522.", "") == "amex [REDACTED].");
    CHECK(redact_text("payment 123456789012 ok", "") == "payment 123456789012 ok");
    CHECK(redact_text("20 digits 12345678901234567890", "") == "20 digits 12345678901234567890");
}

TEST_CASE("JSON bodies are redacted member by member") {
    std::string body =
        R"({"card_number":"4509953566233704","security_code":"123",)"
        R"("expiration_month":11,"cardholder":{"name":"APRO",)"
        R"("identification":{"type":"DNI","number":"12345678"}},)"
        R"("payer":{"identification":{"number":12345678901}},"number":"keep",)"
        R"("note":"a \"quoted\" 4509953566233704","ids":[1,2],"access_token":"TEST-x-1"})";
    std::string r = redact_json(body, "TEST-x-1");
    CHECK(r.find("4509953566233704") == std::string::npos);
    CHECK(r.find("\"security_code\":\"[REDACTED]\"") != std::string::npos);
    CHECK(r.find("12345678") == std::string::npos);
    CHECK(r.find("12345678901") == std::string::npos);
    CHECK(r.find("TEST-x-1") == std::string::npos);
    CHECK(r.find("\"name\":\"APRO\"") != std::string::npos);
    CHECK(r.find("\"expiration_month\":\"[REDACTED]\"") != std::string::npos);
    CHECK(r.find("\"number\":\"keep\"") != std::string::npos); // not an identification
    CHECK(r.find("\"ids\":[1,2]") != std::string::npos);
    // Not JSON: treated as text.
    CHECK(redact_json("oops \"4509953566233704", "") == "oops \"[REDACTED]");
}

TEST_CASE("retry decisions: what may succeed, and writes only with a key") {
    ErrorDetail e;
    e.kind = ErrorKind::Network;
    CHECK(should_retry(e, false, false));
    CHECK(should_retry(e, true, true));
    CHECK_FALSE(should_retry(e, true, false));
    e.kind = ErrorKind::Timeout;
    CHECK(should_retry(e, false, false));
    e.kind = ErrorKind::Tls;
    CHECK_FALSE(should_retry(e, false, false));
    e.kind = ErrorKind::RateLimited;
    e.http_status = 429;
    CHECK(should_retry(e, true, true));
    e.kind = ErrorKind::Server;
    e.http_status = 503;
    CHECK(should_retry(e, false, false));
    for (int status : {400, 401, 403, 404, 409, 422}) {
        e.kind = kind_for_http_status(status);
        e.http_status = status;
        CHECK_FALSE(should_retry(e, false, false));
    }
    // 423: the key is still locked by its first use; the same key may pass
    // later. One predicate decides, the same one mp_error_retryable reports.
    e.kind = kind_for_http_status(423);
    e.http_status = 423;
    CHECK(should_retry(e, true, true));
    CHECK(kind_is_retryable(e.kind, 423));
}

TEST_CASE("backoff doubles, is capped, jittered, and honours Retry-After") {
    RetryPolicy p;
    p.base_delay_ms = 100;
    p.max_delay_ms = 1000;
    p.max_retry_after_ms = 5000;
    for (int i = 0; i < 200; ++i) {
        long d1 = backoff_ms(p, 1, std::nullopt);
        CHECK((d1 >= 50 && d1 <= 100));
        long d3 = backoff_ms(p, 3, std::nullopt);
        CHECK((d3 >= 200 && d3 <= 400));
        long d9 = backoff_ms(p, 9, std::nullopt);
        CHECK((d9 >= 500 && d9 <= 1000));
        CHECK(backoff_ms(p, 1, 3000L) == 3000);
        CHECK(backoff_ms(p, 1, 60000L) == 5000);
    }
    CHECK(parse_retry_after_ms("2") == 2000L);
    CHECK(parse_retry_after_ms(" 0 ") == 0L);
    CHECK_FALSE(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT"));
    CHECK_FALSE(parse_retry_after_ms("-1"));
}

TEST_CASE("the retry budget drains under failure and refills on success") {
    RetryBudget b;
    int retries = 0;
    while (b.try_spend(ErrorKind::Server))
        ++retries;
    CHECK(retries == RetryBudget::kCapacity / RetryBudget::kRetryCost);
    CHECK_FALSE(b.try_spend(ErrorKind::Timeout));
    for (int i = 0; i < 10; ++i)
        b.on_success();
    CHECK(b.try_spend(ErrorKind::Timeout));
    CHECK_FALSE(b.try_spend(ErrorKind::Server));
    for (int i = 0; i < 1000; ++i)
        b.on_success();
    CHECK(b.available() == RetryBudget::kCapacity);
}
