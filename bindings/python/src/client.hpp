// The client handle shared by the extension's sources.
#pragma once

#include "common.hpp"

#include <shared_mutex>
#include <tuple>

namespace mpn {

// The Python callable the C log callback forwards to. Lives as long as the
// client that uses it.
struct LogSink {
    py::object fn;
};

extern "C" void mpn_log_trampoline(void *userdata, mp_log_level level, const char *message,
                                   size_t len);

struct ConfigDeleter {
    void operator()(mp_config *c) const { mp_config_free(c); }
};

class Client {
public:
    Client(const std::string &access_token, std::optional<std::string> base_url,
           std::optional<long> timeout_ms, std::optional<long> connect_timeout_ms,
           std::optional<int> max_retries, std::optional<std::tuple<long, long, long>> retry_delays_ms,
           std::optional<long> stall_timeout_ms, std::optional<std::string> ca_file,
           std::optional<py::bytes> ca_pem, std::optional<std::string> proxy,
           std::optional<std::string> user_agent_suffix, std::optional<std::string> platform_id,
           std::optional<std::string> integrator_id, std::optional<std::string> corporation_id,
           py::object log_fn, int log_level) {
        mp_config *raw = nullptr;
        check(mp_config_new(&raw));
        std::unique_ptr<mp_config, ConfigDeleter> cfg(raw);
        check(mp_config_set_access_token(raw, access_token.c_str()));
        if (base_url) check(mp_config_set_base_url(raw, base_url->c_str()));
        if (timeout_ms) check(mp_config_set_timeout_ms(raw, *timeout_ms));
        if (connect_timeout_ms) check(mp_config_set_connect_timeout_ms(raw, *connect_timeout_ms));
        if (max_retries) check(mp_config_set_max_retries(raw, *max_retries));
        if (retry_delays_ms) {
            auto [a, b, c] = *retry_delays_ms;
            check(mp_config_set_retry_delays_ms(raw, a, b, c));
        }
        if (stall_timeout_ms) check(mp_config_set_stall_timeout_ms(raw, *stall_timeout_ms));
        if (ca_file) check(mp_config_set_ca_file(raw, ca_file->c_str()));
        if (ca_pem) {
            std::string pem = *ca_pem;
            check(mp_config_set_ca_pem(raw, pem.data(), pem.size()));
        }
        if (proxy) check(mp_config_set_proxy(raw, proxy->c_str()));
        if (user_agent_suffix) check(mp_config_set_user_agent_suffix(raw, user_agent_suffix->c_str()));
        if (platform_id) check(mp_config_set_platform_id(raw, platform_id->c_str()));
        if (integrator_id) check(mp_config_set_integrator_id(raw, integrator_id->c_str()));
        if (corporation_id) check(mp_config_set_corporation_id(raw, corporation_id->c_str()));
        if (!log_fn.is_none() && log_level > 0) {
            sink_ = std::make_unique<LogSink>(LogSink{log_fn});
            check(mp_config_set_log(raw, mpn_log_trampoline, sink_.get(),
                                    static_cast<mp_log_level>(log_level)));
        }
        mp_client *client = nullptr;
        mp_status st;
        {
            py::gil_scoped_release nogil;
            st = mp_client_new(raw, &client);
        }
        check(st);
        client_ = client;
    }

    ~Client() {
        if (client_) {
            py::gil_scoped_release nogil;
            std::unique_lock lock(mu_);
            mp_client_free(client_);
            client_ = nullptr;
        }
    }

    void close() {
        py::gil_scoped_release nogil;
        std::unique_lock lock(mu_);
        mp_client_free(client_);
        client_ = nullptr;
    }

    bool closed() const { return client_ == nullptr; }

    std::unique_ptr<Response> call(const std::string &op, const StrPairs &path,
                                   const StrPairs &query, const std::optional<py::bytes> &body,
                                   const std::optional<std::string> &idempotency_key,
                                   const std::optional<std::string> &access_token,
                                   const StrPairs &headers, std::optional<long> timeout_ms,
                                   std::optional<int> max_retries) {
        RequestPtr req = build_request(path, query, body, idempotency_key, access_token, headers,
                                       timeout_ms, max_retries);
        mp_response *out = nullptr;
        mp_status st;
        bool was_closed = false;
        {
            py::gil_scoped_release nogil;
            std::shared_lock lock(mu_);
            if (!client_) {
                was_closed = true;
                st = MP_ERR_INVALID_ARGUMENT;
            } else {
                st = mp_client_call(client_, op.c_str(), req.get(), &out);
            }
        }
        if (was_closed) throw py::value_error("the client is closed");
        if (st == MP_OK) return std::make_unique<Response>(out);
        if (out) {
            auto resp = std::make_unique<Response>(out);
            const mp_error *e = mp_response_error(out);
            if (!e) e = mp_error_last();
            raise_error(st, e, std::move(resp));
        }
        raise_last(st);
    }

    // For pagers and batches: run fn with the handle under the shared lock,
    // GIL released by the caller.
    template <class F> auto with_handle(F &&fn) {
        std::shared_lock lock(mu_);
        return fn(client_);
    }

    mp_client *handle() { return client_; }
    std::shared_mutex &mutex() { return mu_; }

private:
    mp_client *client_ = nullptr;
    std::unique_ptr<LogSink> sink_;
    std::shared_mutex mu_;
};

} // namespace mpn
