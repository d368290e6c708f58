#include "webhook.hpp"

#include "ascii.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <vector>

namespace mp {

std::string_view webhook_result_name(WebhookResult r) {
    switch (r) {
    case WebhookResult::Ok:
        return "ok";
    case WebhookResult::MissingHeader:
        return "missing_header";
    case WebhookResult::MalformedHeader:
        return "malformed_header";
    case WebhookResult::MissingTimestamp:
        return "missing_timestamp";
    case WebhookResult::MissingHash:
        return "missing_hash";
    case WebhookResult::Mismatch:
        return "mismatch";
    case WebhookResult::OutOfTolerance:
        return "out_of_tolerance";
    }
    return "unknown";
}

std::string webhook_manifest(std::string_view data_id, std::string_view request_id,
                             std::string_view ts) {
    std::string m;
    if (!data_id.empty()) m.append("id:").append(data_id).append(";");
    if (!request_id.empty()) m.append("request-id:").append(request_id).append(";");
    if (!ts.empty()) m.append("ts:").append(ts).append(";");
    return m;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(message.data()), message.size(), mac, &len);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(hex[mac[i] >> 4]);
        out.push_back(hex[mac[i] & 0x0F]);
    }
    return out;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

} // namespace

WebhookResult verify_webhook(std::string_view header, std::string_view request_id,
                             std::string_view data_id, std::span<const std::string_view> secrets,
                             long tolerance_s, int64_t now_s) {
    header = trim(header);
    if (header.empty()) return WebhookResult::MissingHeader;
    std::string_view ts;
    std::vector<std::string_view> hashes;
    while (!header.empty()) {
        size_t comma = header.find(',');
        std::string_view part = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        if (part.empty()) continue;
        size_t eq = part.find('=');
        if (eq == std::string_view::npos) return WebhookResult::MalformedHeader;
        std::string_view key = trim(part.substr(0, eq)), value = trim(part.substr(eq + 1));
        if (iequals(key, "ts"))
            ts = value;
        else if (iequals(key, "v1") && !value.empty())
            hashes.push_back(value);
    }
    if (ts.empty()) return WebhookResult::MissingTimestamp;
    int64_t ts_value = 0;
    auto [ptr, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ts_value);
    if (ec != std::errc() || ptr != ts.data() + ts.size()) return WebhookResult::MalformedHeader;
    if (hashes.empty()) return WebhookResult::MissingHash;

    std::string manifest = webhook_manifest(data_id, request_id, ts);
    bool matched = false;
    for (std::string_view secret : secrets) {
        std::string expected = hmac_sha256_hex(secret, manifest);
        for (std::string_view h : hashes) {
            // Lowercase hex from the sender; compare without leaking timing.
            if (h.size() == expected.size() &&
                CRYPTO_memcmp(h.data(), expected.data(), expected.size()) == 0)
                matched = true;
        }
    }
    if (!matched) return WebhookResult::Mismatch;
    if (tolerance_s > 0) {
        int64_t age;
        if (__builtin_sub_overflow(now_s, ts_value, &age)) return WebhookResult::OutOfTolerance;
        if (age > tolerance_s || age < -static_cast<int64_t>(tolerance_s))
            return WebhookResult::OutOfTolerance;
    }
    return WebhookResult::Ok;
}

} // namespace mp
