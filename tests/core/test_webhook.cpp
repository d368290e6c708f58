#include "webhook.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace mp;

namespace {

// Signs like Mercado Pago does, to build headers for the tests.
std::string sign(std::string_view secret, std::string_view id, std::string_view rid,
                 std::string_view ts) {
    return "ts=" + std::string(ts) +
           ",v1=" + hmac_sha256_hex(secret, webhook_manifest(id, rid, ts));
}

WebhookResult check(std::string_view header, std::vector<std::string_view> secrets, long tol = 300,
                    int64_t now = 1766455693) {
    return verify_webhook(header, "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "138472432031", secrets,
                          tol, now);
}

} // namespace

TEST_CASE("HMAC-SHA256 matches the RFC 4231 test vector") {
    // RFC 4231, test case 2.
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("the manifest leaves out missing pairs and keeps the id's case") {
    CHECK(webhook_manifest("123", "rid", "42") == "id:123;request-id:rid;ts:42;");
    CHECK(webhook_manifest("", "rid", "42") == "request-id:rid;ts:42;");
    CHECK(webhook_manifest("ORD01ABC", "", "42") == "id:ORD01ABC;ts:42;");
    CHECK(webhook_manifest("", "", "42") == "ts:42;");
}

TEST_CASE("a valid signature verifies, and every failure has its own reason") {
    const std::string good =
        sign("secret-1", "138472432031", "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1766455693");
    CHECK(check(good, {"secret-1"}) == WebhookResult::Ok);
    // Spaces, key case and unknown keys do not matter.
    std::string loose = " TS = 1766455693 , V1=" + good.substr(good.find("v1=") + 3) + ", v2=zzz";
    CHECK(check(loose, {"secret-1"}) == WebhookResult::Ok);
    CHECK(check("", {"secret-1"}) == WebhookResult::MissingHeader);
    CHECK(check("   ", {"secret-1"}) == WebhookResult::MissingHeader);
    CHECK(check("ts1766455693", {"secret-1"}) == WebhookResult::MalformedHeader);
    CHECK(check("ts=soon,v1=ab", {"secret-1"}) == WebhookResult::MalformedHeader);
    CHECK(check("v1=abcdef", {"secret-1"}) == WebhookResult::MissingTimestamp);
    CHECK(check("ts=1766455693", {"secret-1"}) == WebhookResult::MissingHash);
    CHECK(check(good, {"another"}) == WebhookResult::Mismatch);
    // A tampered id or request id breaks the signature.
    CHECK(verify_webhook(good, "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "138472432032",
                         std::vector<std::string_view>{"secret-1"}, 300,
                         1766455693) == WebhookResult::Mismatch);
    // Upper-case hex is not what Mercado Pago sends: it does not match.
    std::string upper = good;
    for (size_t i = upper.find("v1=") + 3; i < upper.size(); ++i)
        upper[i] = static_cast<char>(toupper(upper[i]));
    CHECK(check(upper, {"secret-1"}) == WebhookResult::Mismatch);
}

TEST_CASE("several secrets verify during a rotation") {
    const std::string old_sig =
        sign("old", "138472432031", "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1766455693");
    const std::string new_sig =
        sign("new", "138472432031", "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1766455693");
    CHECK(check(old_sig, {"new", "old"}) == WebhookResult::Ok);
    CHECK(check(new_sig, {"new", "old"}) == WebhookResult::Ok);
    CHECK(check(new_sig, {"old"}) == WebhookResult::Mismatch);
}

TEST_CASE("the tolerance window, and turning it off") {
    const std::string sig =
        sign("s", "138472432031", "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1766455693");
    CHECK(check(sig, {"s"}, 300, 1766455693 + 300) == WebhookResult::Ok);
    CHECK(check(sig, {"s"}, 300, 1766455693 + 301) == WebhookResult::OutOfTolerance);
    CHECK(check(sig, {"s"}, 300, 1766455693 - 301) == WebhookResult::OutOfTolerance);
    CHECK(check(sig, {"s"}, 0, 1766455693 + 999999) == WebhookResult::Ok);
    CHECK(check(sig, {"s"}, -1, 1766455693 + 999999) == WebhookResult::Ok);
    // A bad signature is reported as such even when it is also old.
    CHECK(check(sig, {"x"}, 300, 1766455693 + 999999) == WebhookResult::Mismatch);
    CHECK(webhook_result_name(WebhookResult::OutOfTolerance) == "out_of_tolerance");
}
