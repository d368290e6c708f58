// mp_sandbox.h: the C entry points. An exception firewall: nothing is thrown across the C
// boundary; failures return a named mp_sandbox_status and leave their reason in a thread-local
// string. Faults and resets act on the Sandbox object directly, never over HTTP.
#include "mp_sandbox.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>

#include "certs.hpp"
#include "sandbox.hpp"
#include "version.hpp"

struct mp_sandbox {
    std::unique_ptr<mp::sandbox::Sandbox> impl;
};

struct mp_sandbox_options {
    mp::sandbox::Options value;
};

struct mp_sandbox_fault {
    mp_sandbox_fault_kind kind = MP_SANDBOX_FAULT_OK;
    std::string method; // upper case; empty: any
    std::string path;   // a prefix; empty: any
    int status = 0;     // 0: unset
    int retry_after = -1;
    int delay_ms = -1; // -1: unset
    int count = 1;
};

namespace {

// A fixed buffer, so that a pointer from mp_sandbox_last_error() never dangles: a later failure
// only changes its text.
thread_local char last_error[512] = "";

mp_sandbox_status fail(mp_sandbox_status code, const std::string &message) {
    std::snprintf(last_error, sizeof last_error, "%s", message.c_str());
    return code;
}

// Runs body, turning exceptions into statuses.
template <class Body> mp_sandbox_status guarded(const char *function, Body &&body) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(MP_SANDBOX_ERR_NO_MEMORY, std::string(function) + ": out of memory");
    } catch (const std::exception &e) {
        return fail(MP_SANDBOX_ERR_INTERNAL, std::string(function) + ": " + e.what());
    } catch (...) {
        return fail(MP_SANDBOX_ERR_INTERNAL, std::string(function) + ": unknown error");
    }
}

mp_sandbox_status null_argument(const char *function, const char *name) {
    return fail(MP_SANDBOX_ERR_INVALID_ARGUMENT, std::string(function) + ": " + name + " is NULL");
}

mp_sandbox_status out_of_range(const char *function, const std::string &what) {
    return fail(MP_SANDBOX_ERR_INVALID_ARGUMENT, std::string(function) + ": " + what);
}

mp::sandbox::Fault::Kind kind_of(mp_sandbox_fault_kind kind) {
    using K = mp::sandbox::Fault::Kind;
    switch (kind) {
    case MP_SANDBOX_FAULT_OK:
        return K::Ok;
    case MP_SANDBOX_FAULT_STATUS:
        return K::Status;
    case MP_SANDBOX_FAULT_DELAY:
        return K::Delay;
    case MP_SANDBOX_FAULT_STALL:
        return K::Stall;
    case MP_SANDBOX_FAULT_RESET_BEFORE:
        return K::ResetBefore;
    case MP_SANDBOX_FAULT_RESET_AFTER:
        return K::ResetAfter;
    case MP_SANDBOX_FAULT_TRUNCATE:
        return K::Truncate;
    }
    return K::Ok;
}

bool valid_kind(int kind) {
    return kind >= MP_SANDBOX_FAULT_OK && kind <= MP_SANDBOX_FAULT_TRUNCATE;
}

} // namespace

extern "C" {

const char *mp_sandbox_status_name(mp_sandbox_status status) {
    // Read as an int: a C caller may pass any value, and loading an enum outside its range is
    // undefined behaviour in C++.
    int code;
    std::memcpy(&code, &status, sizeof code);
    switch (code) {
    case MP_SANDBOX_OK:
        return "ok";
    case MP_SANDBOX_ERR_INVALID_ARGUMENT:
        return "invalid_argument";
    case MP_SANDBOX_ERR_START:
        return "start";
    case MP_SANDBOX_ERR_IO:
        return "io";
    case MP_SANDBOX_ERR_NO_MEMORY:
        return "no_memory";
    case MP_SANDBOX_ERR_INTERNAL:
        return "internal";
    }
    return "unknown";
}

const char *mp_sandbox_last_error(void) {
    return last_error;
}

/* ---- Options ----------------------------------------------------------- */

mp_sandbox_status mp_sandbox_options_new(mp_sandbox_options **out) {
    if (!out) return null_argument("mp_sandbox_options_new", "out");
    *out = nullptr;
    return guarded("mp_sandbox_options_new", [&] {
        *out = new mp_sandbox_options();
        return MP_SANDBOX_OK;
    });
}

void mp_sandbox_options_free(mp_sandbox_options *options) {
    delete options;
}

mp_sandbox_status mp_sandbox_options_set_host(mp_sandbox_options *options, const char *host) {
    constexpr const char *fn = "mp_sandbox_options_set_host";
    if (!options) return null_argument(fn, "options");
    if (!host || !*host) return out_of_range(fn, "host must be a non-empty address");
    return guarded(fn, [&] {
        options->value.host = host;
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_options_set_port(mp_sandbox_options *options, int port) {
    constexpr const char *fn = "mp_sandbox_options_set_port";
    if (!options) return null_argument(fn, "options");
    if (port < 0 || port > 65535) return out_of_range(fn, "port must be from 0 to 65535");
    options->value.port = port;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_options_set_keep_alive(mp_sandbox_options *options, int seconds) {
    constexpr const char *fn = "mp_sandbox_options_set_keep_alive";
    if (!options) return null_argument(fn, "options");
    if (seconds < 1 || seconds > 3600) return out_of_range(fn, "seconds must be from 1 to 3600");
    options->value.keep_alive_seconds = seconds;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_options_set_threads(mp_sandbox_options *options, int threads) {
    constexpr const char *fn = "mp_sandbox_options_set_threads";
    if (!options) return null_argument(fn, "options");
    if (threads < 8 || threads > 4096) return out_of_range(fn, "threads must be from 8 to 4096");
    options->value.threads = threads;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_options_set_tls(mp_sandbox_options *options, int on) {
    if (!options) return null_argument("mp_sandbox_options_set_tls", "options");
    options->value.tls = on != 0;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_options_set_webhook_secret(mp_sandbox_options *options,
                                                        const char *secret) {
    constexpr const char *fn = "mp_sandbox_options_set_webhook_secret";
    if (!options) return null_argument(fn, "options");
    return guarded(fn, [&] {
        options->value.webhook_secret = secret ? secret : "";
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_options_add_tls_name(mp_sandbox_options *options, const char *name) {
    constexpr const char *fn = "mp_sandbox_options_add_tls_name";
    if (!options) return null_argument(fn, "options");
    if (!name) return null_argument(fn, "name");
    if (!mp::sandbox::is_tls_name(name))
        return out_of_range(fn, std::string("not a DNS name or IP address: '") + name + "'");
    return guarded(fn, [&] {
        options->value.tls_names.emplace_back(name);
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_options_set_ca_files(mp_sandbox_options *options,
                                                  const char *cert_path, const char *key_path) {
    constexpr const char *fn = "mp_sandbox_options_set_ca_files";
    if (!options) return null_argument(fn, "options");
    bool has_cert = cert_path && *cert_path;
    bool has_key = key_path && *key_path;
    if (has_cert != has_key)
        return out_of_range(fn, "give both the CA certificate and key files, or neither");
    if (has_cert && std::strcmp(cert_path, key_path) == 0)
        return out_of_range(fn, "the CA certificate and key must be two different files");
    return guarded(fn, [&] {
        options->value.ca_cert_file = has_cert ? cert_path : "";
        options->value.ca_key_file = has_key ? key_path : "";
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_options_set_site(mp_sandbox_options *options, const char *site_id) {
    constexpr const char *fn = "mp_sandbox_options_set_site";
    if (!options) return null_argument(fn, "options");
    if (!site_id || !mp::sandbox::find_site(site_id))
        return fail(MP_SANDBOX_ERR_INVALID_ARGUMENT,
                    std::string(fn) + ": site_id must be one of " + mp::sandbox::site_list_text());
    return guarded(fn, [&] {
        options->value.site = site_id;
        return MP_SANDBOX_OK;
    });
}

/* ---- The sandbox ------------------------------------------------------- */

const char *mp_sandbox_version(void) {
    return mp::sandbox::kVersion;
}

mp_sandbox_status mp_sandbox_start(const mp_sandbox_options *options, mp_sandbox **out) {
    constexpr const char *fn = "mp_sandbox_start";
    if (!out) return null_argument(fn, "out");
    *out = nullptr;
    if (options && !options->value.tls &&
        (!options->value.tls_names.empty() || !options->value.ca_cert_file.empty()))
        return out_of_range(fn, "certificate names and CA files need TLS "
                                "(mp_sandbox_options_set_tls)");
    return guarded(fn, [&] {
        mp::sandbox::Options defaults;
        auto handle = std::make_unique<mp_sandbox>();
        try {
            handle->impl =
                std::make_unique<mp::sandbox::Sandbox>(options ? options->value : defaults);
        } catch (const std::bad_alloc &) {
            throw;
        } catch (const std::exception &e) {
            return fail(MP_SANDBOX_ERR_START, std::string(fn) + ": " + e.what());
        }
        *out = handle.release();
        return MP_SANDBOX_OK;
    });
}

void mp_sandbox_stop(mp_sandbox *sandbox) {
    try {
        delete sandbox;
    } catch (...) {
        fail(MP_SANDBOX_ERR_INTERNAL, "mp_sandbox_stop: error while stopping");
    }
}

const char *mp_sandbox_url(const mp_sandbox *sandbox) {
    if (!sandbox) {
        null_argument("mp_sandbox_url", "sandbox");
        return nullptr;
    }
    return sandbox->impl->url().c_str();
}

int mp_sandbox_port(const mp_sandbox *sandbox) {
    if (!sandbox) {
        null_argument("mp_sandbox_port", "sandbox");
        return 0;
    }
    return sandbox->impl->port();
}

const char *mp_sandbox_ca_pem(const mp_sandbox *sandbox) {
    if (!sandbox) {
        null_argument("mp_sandbox_ca_pem", "sandbox");
        return nullptr;
    }
    const std::string &pem = sandbox->impl->ca_pem();
    return pem.empty() ? nullptr : pem.c_str();
}

mp_sandbox_status mp_sandbox_write_ca(const mp_sandbox *sandbox, const char *path) {
    constexpr const char *fn = "mp_sandbox_write_ca";
    if (!sandbox) return null_argument(fn, "sandbox");
    if (!path) return null_argument(fn, "path");
    const std::string &pem = sandbox->impl->ca_pem();
    if (pem.empty()) return out_of_range(fn, "the sandbox has no TLS");
    std::FILE *file = std::fopen(path, "wb");
    if (!file) return fail(MP_SANDBOX_ERR_IO, std::string(fn) + ": cannot open " + path);
    bool ok = std::fwrite(pem.data(), 1, pem.size(), file) == pem.size();
    ok = std::fclose(file) == 0 && ok;
    if (!ok) return fail(MP_SANDBOX_ERR_IO, std::string(fn) + ": cannot write " + path);
    return MP_SANDBOX_OK;
}

long mp_sandbox_connection_count(const mp_sandbox *sandbox) {
    if (!sandbox) {
        null_argument("mp_sandbox_connection_count", "sandbox");
        return 0;
    }
    return sandbox->impl->connection_count();
}

long mp_sandbox_tls_handshake_count(const mp_sandbox *sandbox, long *resumed) {
    if (resumed) *resumed = 0;
    if (!sandbox) {
        null_argument("mp_sandbox_tls_handshake_count", "sandbox");
        return 0;
    }
    if (resumed) *resumed = sandbox->impl->tls_resumed_count();
    return sandbox->impl->tls_handshake_count();
}

long mp_sandbox_request_count(const mp_sandbox *sandbox) {
    if (!sandbox) {
        null_argument("mp_sandbox_request_count", "sandbox");
        return 0;
    }
    return sandbox->impl->request_count();
}

mp_sandbox_status mp_sandbox_reset(mp_sandbox *sandbox) {
    if (!sandbox) return null_argument("mp_sandbox_reset", "sandbox");
    return guarded("mp_sandbox_reset", [&] {
        sandbox->impl->reset();
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_renew_credentials(mp_sandbox *sandbox, const char *user_id,
                                               int production, char *access_token,
                                               size_t access_token_size, char *public_key,
                                               size_t public_key_size) {
    constexpr const char *fn = "mp_sandbox_renew_credentials";
    if (!sandbox) return null_argument(fn, "sandbox");
    if (!access_token) return null_argument(fn, "access_token");
    if (!public_key) return null_argument(fn, "public_key");
    if (!user_id) return null_argument(fn, "user_id");
    std::string id_text = user_id;
    if (id_text.empty() || id_text.size() > 18 ||
        id_text.find_first_not_of("0123456789") != std::string::npos)
        return out_of_range(fn, "user_id must be a decimal id");
    if (access_token_size < 128 || public_key_size < 64)
        return out_of_range(fn, "the buffers must hold 128 and 64 bytes");
    return guarded(fn, [&] {
        auto account = sandbox->impl->accounts().renew(std::stoll(id_text), production != 0);
        if (!account) return out_of_range(fn, "no account " + id_text + " in this sandbox");
        const auto &pair = production ? account->production : account->test;
        std::snprintf(access_token, access_token_size, "%s", pair.access_token.c_str());
        std::snprintf(public_key, public_key_size, "%s", pair.public_key.c_str());
        return MP_SANDBOX_OK;
    });
}

/* ---- Fault injection --------------------------------------------------- */

mp_sandbox_status mp_sandbox_fault_new(mp_sandbox_fault_kind kind, mp_sandbox_fault **out) {
    constexpr const char *fn = "mp_sandbox_fault_new";
    if (!out) return null_argument(fn, "out");
    *out = nullptr;
    int value; // read as an int, as above: any value may come from C
    std::memcpy(&value, &kind, sizeof value);
    if (!valid_kind(value)) return out_of_range(fn, "unknown fault kind " + std::to_string(value));
    return guarded(fn, [&] {
        *out = new mp_sandbox_fault();
        (*out)->kind = kind;
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_fault_parse(const char *text, mp_sandbox_fault **out) {
    constexpr const char *fn = "mp_sandbox_fault_parse";
    if (!out) return null_argument(fn, "out");
    *out = nullptr;
    if (!text) return null_argument(fn, "text");
    std::optional<mp::sandbox::Fault> parsed = mp::sandbox::Fault::parse(text);
    if (!parsed)
        return out_of_range(fn, "not a fault: expected ok, a status such as 503, 429:<seconds>, "
                                "delay:<ms>, stall, reset_before, reset_after or truncate");
    return guarded(fn, [&] {
        using K = mp::sandbox::Fault::Kind;
        auto fault = std::make_unique<mp_sandbox_fault>();
        switch (parsed->kind) {
        case K::Ok:
            fault->kind = MP_SANDBOX_FAULT_OK;
            break;
        case K::Status:
            fault->kind = MP_SANDBOX_FAULT_STATUS;
            break;
        case K::Delay:
            fault->kind = MP_SANDBOX_FAULT_DELAY;
            break;
        case K::Stall:
            fault->kind = MP_SANDBOX_FAULT_STALL;
            break;
        case K::ResetBefore:
            fault->kind = MP_SANDBOX_FAULT_RESET_BEFORE;
            break;
        case K::ResetAfter:
            fault->kind = MP_SANDBOX_FAULT_RESET_AFTER;
            break;
        case K::Truncate:
            fault->kind = MP_SANDBOX_FAULT_TRUNCATE;
            break;
        }
        if (parsed->kind == K::Status) {
            fault->status = parsed->status;
            fault->retry_after = parsed->retry_after;
        }
        if (parsed->kind == K::Delay) fault->delay_ms = parsed->delay_ms;
        *out = fault.release();
        return MP_SANDBOX_OK;
    });
}

void mp_sandbox_fault_free(mp_sandbox_fault *fault) {
    delete fault;
}

mp_sandbox_status mp_sandbox_fault_set_method(mp_sandbox_fault *fault, const char *method) {
    constexpr const char *fn = "mp_sandbox_fault_set_method";
    if (!fault) return null_argument(fn, "fault");
    std::string upper;
    for (const char *p = method ? method : ""; *p; ++p) {
        if (!std::isalpha(static_cast<unsigned char>(*p)))
            return out_of_range(fn, "a method is letters only, e.g. \"POST\"");
        upper += static_cast<char>(std::toupper(static_cast<unsigned char>(*p)));
    }
    return guarded(fn, [&] {
        fault->method = std::move(upper);
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_fault_set_path(mp_sandbox_fault *fault, const char *path_prefix) {
    constexpr const char *fn = "mp_sandbox_fault_set_path";
    if (!fault) return null_argument(fn, "fault");
    if (path_prefix && *path_prefix && *path_prefix != '/')
        return out_of_range(fn, "the path must start with '/'");
    return guarded(fn, [&] {
        fault->path = path_prefix ? path_prefix : "";
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_fault_set_status(mp_sandbox_fault *fault, int http_status) {
    constexpr const char *fn = "mp_sandbox_fault_set_status";
    if (!fault) return null_argument(fn, "fault");
    if (http_status < 400 || http_status > 599)
        return out_of_range(fn, "the status must be from 400 to 599");
    fault->status = http_status;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_fault_set_retry_after(mp_sandbox_fault *fault, int seconds) {
    constexpr const char *fn = "mp_sandbox_fault_set_retry_after";
    if (!fault) return null_argument(fn, "fault");
    if (seconds < -1 || seconds > mp::sandbox::kMaxFaultRetryAfter)
        return out_of_range(fn, "Retry-After must be from 0 to " +
                                    std::to_string(mp::sandbox::kMaxFaultRetryAfter) +
                                    " seconds, or -1 for none");
    fault->retry_after = seconds;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_fault_set_delay_ms(mp_sandbox_fault *fault, int ms) {
    constexpr const char *fn = "mp_sandbox_fault_set_delay_ms";
    if (!fault) return null_argument(fn, "fault");
    if (ms < 0 || ms > mp::sandbox::kMaxFaultDelayMs)
        return out_of_range(fn, "the delay must be from 0 to " +
                                    std::to_string(mp::sandbox::kMaxFaultDelayMs) + " ms");
    fault->delay_ms = ms;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_fault_set_count(mp_sandbox_fault *fault, int count) {
    constexpr const char *fn = "mp_sandbox_fault_set_count";
    if (!fault) return null_argument(fn, "fault");
    if (count < 1 || static_cast<size_t>(count) > mp::sandbox::kMaxFaultsPerSequence)
        return out_of_range(fn, "the count must be from 1 to " +
                                    std::to_string(mp::sandbox::kMaxFaultsPerSequence));
    fault->count = count;
    return MP_SANDBOX_OK;
}

mp_sandbox_status mp_sandbox_fault_arm(mp_sandbox *sandbox, const mp_sandbox_fault *fault) {
    constexpr const char *fn = "mp_sandbox_fault_arm";
    if (!sandbox) return null_argument(fn, "sandbox");
    if (!fault) return null_argument(fn, "fault");
    bool is_status = fault->kind == MP_SANDBOX_FAULT_STATUS;
    bool is_delay = fault->kind == MP_SANDBOX_FAULT_DELAY;
    if (is_status && fault->status == 0)
        return out_of_range(fn, "a status fault needs mp_sandbox_fault_set_status");
    if (!is_status && (fault->status != 0 || fault->retry_after >= 0))
        return out_of_range(fn, "a status or Retry-After belongs to a status fault only");
    if (is_delay && fault->delay_ms < 0)
        return out_of_range(fn, "a delay fault needs mp_sandbox_fault_set_delay_ms");
    if (!is_delay && fault->delay_ms >= 0)
        return out_of_range(fn, "a delay belongs to a delay fault only");
    return guarded(fn, [&] {
        mp::sandbox::Fault one;
        one.kind = kind_of(fault->kind);
        one.status = fault->status;
        one.retry_after = fault->retry_after;
        one.delay_ms = is_delay ? fault->delay_ms : 0;
        one.text = one.describe();
        mp::sandbox::FaultSequence sequence;
        sequence.method = fault->method;
        sequence.path = fault->path;
        sequence.faults.assign(static_cast<size_t>(fault->count), one);
        sandbox->impl->arm(std::move(sequence));
        return MP_SANDBOX_OK;
    });
}

mp_sandbox_status mp_sandbox_faults_clear(mp_sandbox *sandbox) {
    if (!sandbox) return null_argument("mp_sandbox_faults_clear", "sandbox");
    return guarded("mp_sandbox_faults_clear", [&] {
        sandbox->impl->clear_faults();
        return MP_SANDBOX_OK;
    });
}

} // extern "C"
