// fuzz_webhook: the x-signature check (mp::verify_webhook) and the C entry
// points over it (mp_webhook_verify, mp_webhook_result_name, mp_status_name).
//
// Input:
//   byte 0   now_s: below 0x80 it picks one of kNows (the extremes among
//            them); from 0x80 on, now_s is 8 raw bytes after the 3 control bytes
//   byte 1   tolerance_s: the same with kTolerances (8 raw bytes after now's)
//   byte 2   flags; bit 0 "sign": the x-signature field is a ts value, and the
//            harness sends "ts=<it>,v1=<HMAC of the manifest under the first
//            secret>", so that the tolerance check is reached with any ts
//            (a fuzzer cannot forge an HMAC)
//   then, one per line: x-signature, x-request-id, data.id, up to 3 secrets
//   (no secret line: "fuzz-secret").
// The first 4 bytes, read as an int, also go to mp_status_name and
// mp_webhook_result_name as a C caller could pass them.
#include "common.hpp"

#include "mercadopago.h"
#include "webhook.hpp"

#include <charconv>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

extern "C" const char *fuzz_c_status_name(int value);
extern "C" const char *fuzz_c_webhook_result_name(int value);

namespace {

constexpr int64_t kNows[16] = {0,
                               1,
                               -1,
                               -2,
                               1704908010,
                               1704908310,
                               1704907709,
                               INT64_MAX,
                               INT64_MIN,
                               INT64_MAX - 1,
                               INT64_MIN + 1,
                               INT32_MAX,
                               INT32_MIN,
                               UINT32_MAX,
                               4102444800,
                               -1704908010};
constexpr long kTolerances[16] = {
    0,         1,         -1,  300, 301,  86400,   LONG_MAX, LONG_MIN, LONG_MAX - 1, LONG_MIN + 1,
    INT32_MAX, INT32_MIN, 299, 10,  -300, 31536000};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

__int128 distance(int64_t a, int64_t b) {
    __int128 d = static_cast<__int128>(a) - static_cast<__int128>(b);
    return d < 0 ? -d : d;
}

void names(const uint8_t *data, size_t size) {
    int code = 0;
    std::memcpy(&code, data, size < sizeof code ? size : sizeof code);
    for (int v : {code, code & 0xFF, -(code & 0xFF), code >> 16}) {
        const char *s = fuzz_c_status_name(v);
        FUZZ_CHECK(s != nullptr && *s != '\0');
        const char *w = fuzz_c_webhook_result_name(v);
        FUZZ_CHECK(w != nullptr && *w != '\0');
        if (v >= MP_WEBHOOK_OK && v <= MP_WEBHOOK_OUT_OF_TOLERANCE)
            FUZZ_CHECK(std::string_view(w) ==
                       mp::webhook_result_name(static_cast<mp::WebhookResult>(v)));
        else
            FUZZ_CHECK(std::string_view(w) == "unknown");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    names(data, size);

    std::string_view in = fuzz::as_view(data, size);
    uint8_t now_sel = fuzz::take_byte(in), tol_sel = fuzz::take_byte(in);
    uint8_t flags = fuzz::take_byte(in);
    int64_t now = now_sel < 0x80 ? kNows[now_sel % 16] : fuzz::take_raw<int64_t>(in);
    long tolerance = tol_sel < 0x80 ? kTolerances[tol_sel % 16] : fuzz::take_raw<long>(in);
    bool sign = flags & 1;

    std::string_view header = fuzz::take(in), request_id = fuzz::take(in), data_id = fuzz::take(in);
    std::vector<std::string_view> secrets;
    while (!in.empty() && secrets.size() < 3)
        secrets.push_back(fuzz::take(in));
    if (secrets.empty()) secrets.push_back("fuzz-secret");

    std::string_view sign_ts = header;
    std::string signed_header;
    if (sign) {
        signed_header = "ts=" + std::string(sign_ts) + ",v1=" +
                        mp::hmac_sha256_hex(
                            secrets[0], mp::webhook_manifest(data_id, request_id, trim(sign_ts)));
        header = signed_header;
    }

    mp::WebhookResult r = mp::verify_webhook(header, request_id, data_id, secrets, tolerance, now);
    FUZZ_CHECK(mp::webhook_result_name(r) != "unknown");

    // With a signature that is valid for sure, the verdict is the window's.
    if (sign && !fuzz::contains(sign_ts, ",")) {
        std::string_view ts = trim(sign_ts);
        int64_t ts_value = 0;
        auto [ptr, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ts_value);
        bool parsed = ec == std::errc() && ptr == ts.data() + ts.size();
        if (r == mp::WebhookResult::Ok && parsed && tolerance > 0)
            FUZZ_CHECK(distance(now, ts_value) <= tolerance);
        if (r == mp::WebhookResult::OutOfTolerance && parsed)
            FUZZ_CHECK(tolerance > 0 && distance(now, ts_value) > tolerance);
    }

    // The C entry: the same verdict (it takes 0 for "the default tolerance"
    // and "now", so now = 0 is not compared), as a status too.
    bool c_strings = !fuzz::contains(header, std::string_view("\0", 1)) &&
                     !fuzz::contains(request_id, std::string_view("\0", 1)) &&
                     !fuzz::contains(data_id, std::string_view("\0", 1));
    std::vector<std::string> owned;
    for (std::string_view s : secrets) {
        c_strings = c_strings && !s.empty() && !fuzz::contains(s, std::string_view("\0", 1));
        owned.emplace_back(s);
    }
    if (c_strings && now != 0) {
        std::vector<const char *> keys;
        for (const std::string &s : owned)
            keys.push_back(s.c_str());
        std::string h(header), rid(request_id), did(data_id);
        mp_webhook_result cr = MP_WEBHOOK_OK;
        mp_status st = mp_webhook_verify(h.c_str(), rid.c_str(), did.c_str(), keys.data(),
                                         keys.size(), tolerance, now, &cr);
        mp::WebhookResult expected = tolerance != 0
                                         ? r
                                         : mp::verify_webhook(header, request_id, data_id, secrets,
                                                              mp::kDefaultWebhookTolerance, now);
        FUZZ_CHECK(static_cast<int>(cr) == static_cast<int>(expected));
        FUZZ_CHECK((st == MP_OK) == (expected == mp::WebhookResult::Ok));
        if (st != MP_OK) FUZZ_CHECK(st == MP_ERR_SIGNATURE);
        mp_error_clear();
    }
    return 0;
}
