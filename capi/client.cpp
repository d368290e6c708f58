// mp_client, mp_request and the generic call.
#include "handles.hpp"

using namespace mp::capi;

extern "C" {

mp_status mp_client_new(const mp_config *config, mp_client **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(config != nullptr);
        auto client = std::make_unique<mp_client>();
        client->client = std::make_unique<mp::Client>(config->config);
        *out = client.release();
        return MP_OK;
    });
}

void mp_client_free(mp_client *client) {
    delete client;
}

mp_status mp_client_set_log_level(mp_client *client, int max_level) {
    return guard([&] {
        MP_CHECK_ARG(client != nullptr && max_level >= 0 && max_level <= MP_LOG_DEBUG);
        client->client->set_log_level(max_level);
        return MP_OK;
    });
}

mp_status mp_request_new(mp_request **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = new mp_request();
        return MP_OK;
    });
}

void mp_request_free(mp_request *request) {
    delete request;
}

mp_status mp_request_reset(mp_request *request) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr);
        *request = mp_request{};
        return MP_OK;
    });
}

mp_status mp_request_set_path_param(mp_request *request, const char *name, const char *value) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && name != nullptr && value != nullptr);
        for (auto &[k, v] : request->options.path_params)
            if (k == name) {
                v = value;
                return MP_OK;
            }
        // No operation has more than 3: a bound keeps the lookup above cheap.
        if (request->options.path_params.size() >= 16)
            return set_last_error(mp::ErrorKind::InvalidArgument,
                                  "a request takes at most 16 path parameters");
        request->options.path_params.emplace_back(name, value);
        return MP_OK;
    });
}

mp_status mp_request_add_query(mp_request *request, const char *name, const char *value) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && name != nullptr && *name != '\0' && value != nullptr);
        request->options.query.emplace_back(name, value);
        return MP_OK;
    });
}

mp_status mp_request_set_body(mp_request *request, const char *json, size_t len) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && (json != nullptr || len == 0));
        request->options.body.assign(json ? json : "", len);
        request->options.has_body = true;
        return MP_OK;
    });
}

mp_status mp_request_set_idempotency_key(mp_request *request, const char *key) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && key != nullptr);
        size_t n = std::char_traits<char>::length(key);
        if (n == 0 || n > 64)
            return set_last_error(mp::ErrorKind::InvalidArgument,
                                  "an idempotency key must have 1 to 64 characters");
        request->options.idempotency_key = key;
        return MP_OK;
    });
}

mp_status mp_request_set_access_token(mp_request *request, const char *token) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && token != nullptr);
        mp::check_access_token(token);
        request->options.access_token = token;
        return MP_OK;
    });
}

mp_status mp_request_add_header(mp_request *request, const char *name, const char *value) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && name != nullptr && value != nullptr);
        request->options.headers.emplace_back(name, value);
        return MP_OK;
    });
}

mp_status mp_request_set_timeout_ms(mp_request *request, long ms) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && ms > 0 && ms <= MP_MAX_TIMEOUT_MS);
        request->options.timeout_ms = ms;
        return MP_OK;
    });
}

mp_status mp_request_set_max_retries(mp_request *request, int max_retries) {
    return guard([&] {
        MP_CHECK_ARG(request != nullptr && max_retries >= 0 && max_retries <= 10);
        request->options.max_retries = max_retries;
        return MP_OK;
    });
}

mp_status mp_client_call(mp_client *client, const char *operation, const mp_request *request,
                         mp_response **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = nullptr;
        MP_CHECK_ARG(client != nullptr && operation != nullptr);
        const mp::Operation &op = find_operation_or_throw(operation);
        static const mp::CallOptions no_options;
        auto res = std::make_unique<mp_response>();
        res->response = client->client->call(op, request ? request->options : no_options);
        mp_status status = MP_OK;
        if (res->response.error) {
            res->error.detail = *res->response.error;
            status = set_last_error(res->error.detail);
        }
        *out = res.release();
        return status;
    });
}

} // extern "C"
