// mp_sandbox.h: the C entry points. An exception firewall: nothing is thrown across the C
// boundary; failures return a negative value and leave their reason in a thread-local string.
#include "mp_sandbox.h"

#include <cstdio>
#include <memory>
#include <new>
#include <string>

#include "sandbox.hpp"

struct mp_sandbox {
    std::unique_ptr<mp::sandbox::Sandbox> impl;
};

namespace {

constexpr int kInvalidArgument = -1;
constexpr int kStartFailed = -2;
constexpr int kIoError = -3;

// A fixed buffer, so that a pointer from mp_sandbox_last_error() never dangles: a later failure
// only changes its text.
thread_local char last_error[512] = "";

int fail(int code, const std::string &message) {
    std::snprintf(last_error, sizeof last_error, "%s", message.c_str());
    return code;
}

struct BadOptions : std::runtime_error {
    using std::runtime_error::runtime_error;
};

mp::sandbox::Options parse_options(const char *text) {
    mp::sandbox::Options options;
    if (!text) return options;
    auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        throw BadOptions("options_json must be a JSON object");
    for (const auto &[key, value] : doc.items()) {
        if (key == "host") {
            if (!value.is_string() || value.get<std::string>().empty())
                throw BadOptions("option \"host\" must be a non-empty string");
            options.host = value.get<std::string>();
        } else if (key == "port") {
            if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
                value.get<int64_t>() > 65535)
                throw BadOptions("option \"port\" must be an integer from 0 to 65535");
            options.port = value.get<int>();
        } else if (key == "tls") {
            if (!value.is_boolean()) throw BadOptions("option \"tls\" must be true or false");
            options.tls = value.get<bool>();
        } else if (key == "webhook_secret") {
            if (!value.is_string()) throw BadOptions("option \"webhook_secret\" must be a string");
            options.webhook_secret = value.get<std::string>();
        } else {
            throw BadOptions("unknown option \"" + key + "\"");
        }
    }
    return options;
}

} // namespace

extern "C" {

int mp_sandbox_start(const char *options_json, mp_sandbox **out) {
    if (!out) return fail(kInvalidArgument, "mp_sandbox_start: out is NULL");
    *out = nullptr;
    try {
        auto options = parse_options(options_json);
        auto handle = std::make_unique<mp_sandbox>();
        handle->impl = std::make_unique<mp::sandbox::Sandbox>(options);
        *out = handle.release();
        return 0;
    } catch (const BadOptions &e) {
        return fail(kInvalidArgument, std::string("mp_sandbox_start: ") + e.what());
    } catch (const std::exception &e) {
        return fail(kStartFailed, std::string("mp_sandbox_start: ") + e.what());
    } catch (...) {
        return fail(kStartFailed, "mp_sandbox_start: unknown error");
    }
}

void mp_sandbox_stop(mp_sandbox *sandbox) {
    try {
        delete sandbox;
    } catch (...) {
        fail(kStartFailed, "mp_sandbox_stop: error while stopping");
    }
}

const char *mp_sandbox_url(const mp_sandbox *sandbox) {
    if (!sandbox) {
        fail(kInvalidArgument, "mp_sandbox_url: sandbox is NULL");
        return nullptr;
    }
    return sandbox->impl->url().c_str();
}

int mp_sandbox_port(const mp_sandbox *sandbox) {
    if (!sandbox) return fail(kInvalidArgument, "mp_sandbox_port: sandbox is NULL");
    return sandbox->impl->port();
}

const char *mp_sandbox_ca_pem(const mp_sandbox *sandbox) {
    if (!sandbox) {
        fail(kInvalidArgument, "mp_sandbox_ca_pem: sandbox is NULL");
        return nullptr;
    }
    const std::string &pem = sandbox->impl->ca_pem();
    return pem.empty() ? nullptr : pem.c_str();
}

int mp_sandbox_write_ca(const mp_sandbox *sandbox, const char *path) {
    if (!sandbox || !path) return fail(kInvalidArgument, "mp_sandbox_write_ca: NULL argument");
    const std::string &pem = sandbox->impl->ca_pem();
    if (pem.empty()) return fail(kInvalidArgument, "mp_sandbox_write_ca: the sandbox has no TLS");
    std::FILE *file = std::fopen(path, "wb");
    if (!file) return fail(kIoError, std::string("mp_sandbox_write_ca: cannot open ") + path);
    bool ok = std::fwrite(pem.data(), 1, pem.size(), file) == pem.size();
    ok = std::fclose(file) == 0 && ok;
    if (!ok) return fail(kIoError, std::string("mp_sandbox_write_ca: cannot write ") + path);
    return 0;
}

long mp_sandbox_request_count(const mp_sandbox *sandbox) {
    if (!sandbox) return fail(kInvalidArgument, "mp_sandbox_request_count: sandbox is NULL");
    return sandbox->impl->request_count();
}

const char *mp_sandbox_last_error(void) {
    return last_error;
}

} // extern "C"
