// Verification of Mercado Pago webhook signatures (x-signature).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mp {

enum class WebhookResult {
    Ok,
    MissingHeader,    // no x-signature at all
    MalformedHeader,  // a part without '=', or a timestamp that is not a number
    MissingTimestamp, // no ts=
    MissingHash,      // no v1=
    Mismatch,         // no secret signs this manifest
    OutOfTolerance,   // signed, but too old (or too far in the future)
};

std::string_view webhook_result_name(WebhookResult r);

inline constexpr long kDefaultWebhookTolerance = 300; // seconds, as Stripe

// "id:<data.id>;request-id:<x-request-id>;ts:<ts>;" with the pair of any
// missing value left out. data.id is used exactly as received.
std::string webhook_manifest(std::string_view data_id, std::string_view request_id,
                             std::string_view ts);

// Lowercase hex HMAC-SHA256 of message under key.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Checks x-signature ("ts=<unix seconds>,v1=<hex>"; parts split on ',' then on
// the first '=', trimmed, keys case-insensitive, unknown keys ignored) against
// every secret (several at once during a rotation), comparing in constant
// time. tolerance_s <= 0 turns the timestamp window off.
WebhookResult verify_webhook(std::string_view x_signature, std::string_view request_id,
                             std::string_view data_id, std::span<const std::string_view> secrets,
                             long tolerance_s, int64_t now_s);

} // namespace mp
