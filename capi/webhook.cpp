// mp_webhook_verify: x-signature checks for notifications.
#include "handles.hpp"

#include "webhook.hpp"

#include <cstring>
#include <ctime>
#include <vector>

using namespace mp::capi;

extern "C" {

const char *mp_webhook_result_name(mp_webhook_result result) {
    int code; // read as an int: any value may come from C (see mp_status_name)
    std::memcpy(&code, &result, sizeof code);
    if (code < MP_WEBHOOK_OK || code > MP_WEBHOOK_OUT_OF_TOLERANCE) return "unknown";
    return mp::webhook_result_name(static_cast<mp::WebhookResult>(code)).data();
}

mp_status mp_webhook_verify(const char *x_signature, const char *x_request_id, const char *data_id,
                            const char *const *secrets, size_t secret_count, long tolerance_s,
                            int64_t now, mp_webhook_result *result) {
    return guard([&] {
        MP_CHECK_ARG(result != nullptr);
        *result = MP_WEBHOOK_MISMATCH;
        MP_CHECK_ARG(secrets != nullptr && secret_count > 0);
        std::vector<std::string_view> keys;
        for (size_t i = 0; i < secret_count; ++i) {
            MP_CHECK_ARG(secrets[i] != nullptr && secrets[i][0] != '\0');
            keys.emplace_back(secrets[i]);
        }
        long tolerance = tolerance_s == 0 ? mp::kDefaultWebhookTolerance : tolerance_s;
        mp::WebhookResult r =
            mp::verify_webhook(x_signature ? x_signature : "", x_request_id ? x_request_id : "",
                               data_id ? data_id : "", keys, tolerance,
                               now != 0 ? now : static_cast<int64_t>(std::time(nullptr)));
        *result = static_cast<mp_webhook_result>(r);
        if (r == mp::WebhookResult::Ok) return MP_OK;
        mp::ErrorDetail d;
        d.kind = mp::ErrorKind::Signature;
        d.api_error = mp::webhook_result_name(r);
        d.message = "webhook signature not verified: " + d.api_error;
        return set_last_error(d);
    });
}

} // extern "C"
