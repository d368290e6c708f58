/*
 * mp_sandbox.hpp - the embedded sandbox of mp_sandbox.h as header-only C++17
 * classes, the one layer every binding's sandbox helper builds on (SWIG
 * %includes it for PHP and Java, pybind11 binds it for Python).
 *
 * Failures throw mercadopago::SandboxError (a std::runtime_error with the
 * mp_sandbox_status). Threads and lifetimes are those of mp_sandbox.h: a
 * Sandbox may be used from any thread; stop() (or the destructor) must be its
 * last use. SandboxOptions and SandboxFault are for one thread at a time.
 */
#ifndef MP_SANDBOX_HPP
#define MP_SANDBOX_HPP

#include "mp_sandbox.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace mercadopago {

class SandboxError : public std::runtime_error {
  public:
    SandboxError(int status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    /* An mp_sandbox_status. */
    int status() const { return status_; }

  private:
    int status_;
};

#ifndef SWIG
namespace detail {
inline void sandbox_check(mp_sandbox_status status) {
    if (status != MP_SANDBOX_OK) throw SandboxError(status, mp_sandbox_last_error());
}
} // namespace detail
#endif

/* How a sandbox starts: 127.0.0.1, a free port, plain HTTP, no webhook secret
 * unless set. */
class SandboxOptions {
  public:
    SandboxOptions() { detail::sandbox_check(mp_sandbox_options_new(&h_)); }
    ~SandboxOptions() { mp_sandbox_options_free(h_); }
    void set_host(const char *host) {
        detail::sandbox_check(mp_sandbox_options_set_host(h_, host));
    }
    void set_port(int port) { detail::sandbox_check(mp_sandbox_options_set_port(h_, port)); }
    void set_tls(bool on) { detail::sandbox_check(mp_sandbox_options_set_tls(h_, on ? 1 : 0)); }
    void set_webhook_secret(const char *secret) {
        detail::sandbox_check(mp_sandbox_options_set_webhook_secret(h_, secret));
    }
    /* A DNS name or IP address the certificate names too (TLS only); once per name. */
    void add_tls_name(const char *name) {
        detail::sandbox_check(mp_sandbox_options_add_tls_name(h_, name));
    }
    /* The CA kept in two PEM files: loaded when both exist, written when neither does. */
    void set_ca_files(const char *cert_path, const char *key_path) {
        detail::sandbox_check(mp_sandbox_options_set_ca_files(h_, cert_path, key_path));
    }
#ifndef SWIG
    SandboxOptions(const SandboxOptions &) = delete;
    SandboxOptions &operator=(const SandboxOptions &) = delete;
    const mp_sandbox_options *handle() const {
        return h_;
    }
#endif

  private:
    mp_sandbox_options *h_ = NULL;
};

/* A fault for the next matching requests, from its text form ("503",
 * "429:5", "delay:200", "stall", "reset_before", "reset_after", "truncate",
 * "ok"). */
class SandboxFault {
  public:
    explicit SandboxFault(const char *text) {
        detail::sandbox_check(mp_sandbox_fault_parse(text, &h_));
    }
    ~SandboxFault() { mp_sandbox_fault_free(h_); }
    /* "POST" (any case); NULL or "" for any method. */
    void set_method(const char *method) {
        detail::sandbox_check(mp_sandbox_fault_set_method(h_, method));
    }
    /* A path prefix, "/v1/payments"; NULL or "" for any path. */
    void set_path(const char *path_prefix) {
        detail::sandbox_check(mp_sandbox_fault_set_path(h_, path_prefix));
    }
    /* How many matching requests in a row get it (default 1). */
    void set_count(int count) { detail::sandbox_check(mp_sandbox_fault_set_count(h_, count)); }
#ifndef SWIG
    SandboxFault(const SandboxFault &) = delete;
    SandboxFault &operator=(const SandboxFault &) = delete;
    const mp_sandbox_fault *handle() const {
        return h_;
    }
#endif

  private:
    mp_sandbox_fault *h_ = NULL;
};

/* A running sandbox. */
class Sandbox {
  public:
    /* options may be NULL for the defaults. Returns once it accepts connections. */
    explicit Sandbox(const SandboxOptions *options) {
        detail::sandbox_check(mp_sandbox_start(options ? options->handle() : NULL, &h_));
    }
    ~Sandbox() { stop(); }
    /* Stops the server and waits for its threads; idempotent. */
    void stop() {
        mp_sandbox_stop(h_);
        h_ = NULL;
    }
    bool running() const { return h_ != NULL; }
    /* "https://127.0.0.1:41234", no trailing slash. */
    std::string url() const { return mp_sandbox_url(live()); }
    int port() const { return mp_sandbox_port(live()); }
    /* The PEM of the CA that signed its certificate; "" without TLS. */
    std::string ca_pem() const {
        const char *pem = mp_sandbox_ca_pem(live());
        return pem ? pem : "";
    }
    void write_ca(const char *path) const {
        detail::sandbox_check(mp_sandbox_write_ca(live(), path));
    }
    long request_count() const { return mp_sandbox_request_count(live()); }
    /* Forgets every resource, idempotency key and fault. */
    void reset() { detail::sandbox_check(mp_sandbox_reset(live())); }
    /* Arms a fault; faults armed earlier are taken first. */
    void arm(const SandboxFault &fault) {
        detail::sandbox_check(mp_sandbox_fault_arm(live(), fault.handle()));
    }
    /* Arms a sequence of faults given as text, in order, for one method and path. */
    void arm_faults(const char *method, const char *path_prefix,
                    const std::vector<std::string> &faults) {
        for (size_t i = 0; i < faults.size(); ++i) {
            SandboxFault fault(faults[i].c_str());
            fault.set_method(method);
            fault.set_path(path_prefix);
            arm(fault);
        }
    }
    void clear_faults() { detail::sandbox_check(mp_sandbox_faults_clear(live())); }
#ifndef SWIG
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;
#endif

  private:
    mp_sandbox *live() const {
        if (h_ == NULL)
            throw SandboxError(MP_SANDBOX_ERR_INVALID_ARGUMENT, "the sandbox is stopped");
        return h_;
    }
    mp_sandbox *h_ = NULL;
};

} // namespace mercadopago

#endif /* MP_SANDBOX_HPP */
