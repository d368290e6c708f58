// mp_config: the settings a client is created from.
#include "handles.hpp"

#include <cstring>

using namespace mp::capi;

namespace {

mp_status set_string(mp_config *config, std::string mp::Config::*field, const char *value,
                     bool required) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr);
        if (required) MP_CHECK_ARG(value != nullptr && *value != '\0');
        config->config.*field = value ? value : "";
        return MP_OK;
    });
}

mp_status set_timeout(mp_config *config, long mp::Config::*field, long ms) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr);
        MP_CHECK_ARG(ms > 0 && ms <= MP_MAX_TIMEOUT_MS);
        config->config.*field = ms;
        return MP_OK;
    });
}

} // namespace

extern "C" {

mp_status mp_config_new(mp_config **out) {
    return guard([&] {
        MP_CHECK_ARG(out != nullptr);
        *out = new mp_config();
        return MP_OK;
    });
}

void mp_config_free(mp_config *config) {
    delete config;
}

mp_status mp_config_set_access_token(mp_config *config, const char *token) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && token != nullptr);
        mp::check_access_token(token);
        config->config.access_token = token;
        return MP_OK;
    });
}

mp_status mp_config_set_base_url(mp_config *c, const char *url) {
    return set_string(c, &mp::Config::base_url, url, true);
}
mp_status mp_config_set_connect_timeout_ms(mp_config *c, long ms) {
    return set_timeout(c, &mp::Config::connect_timeout_ms, ms);
}
mp_status mp_config_set_timeout_ms(mp_config *c, long ms) {
    return set_timeout(c, &mp::Config::timeout_ms, ms);
}
mp_status mp_config_set_ca_file(mp_config *c, const char *path) {
    return set_string(c, &mp::Config::ca_file, path, true);
}
mp_status mp_config_set_ca_pem(mp_config *config, const char *pem, size_t len) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && pem != nullptr && len > 0);
        config->config.ca_pem.assign(pem, len);
        return MP_OK;
    });
}
mp_status mp_config_set_proxy(mp_config *c, const char *proxy) {
    return set_string(c, &mp::Config::proxy, proxy, false);
}
mp_status mp_config_set_user_agent_suffix(mp_config *c, const char *s) {
    return set_string(c, &mp::Config::user_agent_suffix, s, false);
}
mp_status mp_config_set_platform_id(mp_config *c, const char *id) {
    return set_string(c, &mp::Config::platform_id, id, false);
}
mp_status mp_config_set_integrator_id(mp_config *c, const char *id) {
    return set_string(c, &mp::Config::integrator_id, id, false);
}
mp_status mp_config_set_corporation_id(mp_config *c, const char *id) {
    return set_string(c, &mp::Config::corporation_id, id, false);
}

mp_status mp_config_set_max_retries(mp_config *config, int max_retries) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && max_retries >= 0 && max_retries <= 10);
        config->config.retry.max_retries = max_retries;
        return MP_OK;
    });
}

mp_status mp_config_set_retry_delays_ms(mp_config *config, long base_ms, long max_ms,
                                        long max_retry_after_ms) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && base_ms >= 0 && max_ms >= base_ms &&
                     max_ms <= MP_MAX_TIMEOUT_MS && max_retry_after_ms >= 0 &&
                     max_retry_after_ms <= MP_MAX_TIMEOUT_MS);
        config->config.retry.base_delay_ms = base_ms;
        config->config.retry.max_delay_ms = max_ms;
        config->config.retry.max_retry_after_ms = max_retry_after_ms;
        return MP_OK;
    });
}

mp_status mp_config_set_stall_timeout_ms(mp_config *c, long ms) {
    return set_timeout(c, &mp::Config::stall_timeout_ms, ms);
}

mp_status mp_config_set_max_response_bytes(mp_config *config, size_t bytes) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && bytes >= 1024);
        config->config.max_response_bytes = bytes;
        return MP_OK;
    });
}

mp_status mp_config_set_proxy_from_environment(mp_config *config, int on) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr);
        config->config.proxy_from_env = on != 0;
        return MP_OK;
    });
}

mp_status mp_config_set_max_idle_connections(mp_config *config, long connections) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr && connections >= 0 && connections <= 1024);
        config->config.max_idle_connections = static_cast<size_t>(connections);
        return MP_OK;
    });
}

mp_status mp_config_set_persistent(mp_config *config, int on) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr);
        config->config.persistent = on != 0;
        return MP_OK;
    });
}

mp_status mp_config_set_log(mp_config *config, mp_log_fn fn, void *userdata,
                            mp_log_level max_level) {
    return guard([&] {
        MP_CHECK_ARG(config != nullptr);
        // Read as an int: a C caller may pass any value, and loading an enum
        // outside its range is undefined behaviour in C++.
        int level;
        std::memcpy(&level, &max_level, sizeof level);
        MP_CHECK_ARG(level >= MP_LOG_ERROR && level <= MP_LOG_DEBUG);
        mp::Logger &logger = config->config.logger;
        logger.max_level.store(level);
        if (!fn) {
            logger.sink = nullptr;
            return MP_OK;
        }
        logger.sink = [fn, userdata](mp::LogLevel level, std::string_view message) {
            std::string text(message); // NUL-terminated for C
            fn(userdata, static_cast<mp_log_level>(level), text.c_str(), text.size());
        };
        return MP_OK;
    });
}

} // extern "C"
