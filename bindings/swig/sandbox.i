/* The embedded sandbox of mp_sandbox.h, for the users' own tests, as one
 * class. */
%{
#include <mp_sandbox.h>

namespace mpswig {
/* The embedded sandbox (mp_sandbox.h), for the users' own tests. */
class Sandbox {
public:
    /* options: JSON such as {"tls":true,"webhook_secret":"..."} (null: defaults). */
    explicit Sandbox(const char *options_json) {
        if (mp_sandbox_start(options_json, &h_) != 0)
            throw mercadopago::Error(MP_ERR_INVALID_ARGUMENT,
                                     std::string("sandbox: ") + mp_sandbox_last_error());
    }
    ~Sandbox() { stop(); }
    void stop() {
        mp_sandbox_stop(h_);
        h_ = nullptr;
    }
    const char *url() const { return h_ ? mp_sandbox_url(h_) : ""; }
    int port() const { return h_ ? mp_sandbox_port(h_) : 0; }
    const char *ca_pem() const { return h_ ? mp_sandbox_ca_pem(h_) : ""; }
    void write_ca(const char *path) {
        if (h_ == nullptr || mp_sandbox_write_ca(h_, path) != 0)
            throw mercadopago::Error(MP_ERR_INVALID_ARGUMENT, "sandbox: cannot write the CA file");
    }
    long request_count() const { return h_ ? mp_sandbox_request_count(h_) : 0; }

private:
    mp_sandbox *h_ = nullptr;
};

} // namespace mpswig
%}

namespace mpswig {
class Sandbox {
public:
    Sandbox(const char *options_json);
    ~Sandbox();
    void stop();
    const char *url() const;
    int port() const;
    const char *ca_pem() const;
    void write_ca(const char *path);
    long request_count() const;
};
} // namespace mpswig
