// mp_config: the settings a client is created from.
#include "handles.hpp"

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
        MP_CHECK_ARG(ms > 0);
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

void mp_config_free(mp_config *config) { delete config; }

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

} // extern "C"
