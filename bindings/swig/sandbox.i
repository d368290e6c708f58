/* The embedded sandbox of mp_sandbox.h, for the users' own tests, as one
 * class. */
%{
#include <mp_sandbox.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace mpswig {
/* Until the Java and PHP layers set the options one by one: the flat JSON
 * object they send ({"tls":true,"port":0,"host":"..","webhook_secret":".."})
 * read into mp_sandbox_options. Returns "" or why it is not understood. */
inline std::string sandbox_options_from_json(const char *p, mp_sandbox_options *o) {
    auto ws = [&] { while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p; };
    auto string = [&](std::string &out) {
        if (*p++ != '"') return false;
        for (; *p && *p != '"'; ++p) {
            if (*p != '\\') { out += *p; continue; }
            char c = *++p;
            if (c == '\0') return false;
            if (c == 'u') {
                unsigned v = 0;
                for (int i = 0; i < 4; ++i) {
                    char h = *++p;
                    if (h == '\0') return false;
                    v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : (h | 32) >= 'a' && (h | 32) <= 'f' ? (h | 32) - 'a' + 10 : 0);
                }
                if (v < 0x80) out += static_cast<char>(v);
                else if (v < 0x800) out += static_cast<char>(0xC0 | v >> 6), out += static_cast<char>(0x80 | (v & 0x3F));
                else out += static_cast<char>(0xE0 | v >> 12), out += static_cast<char>(0x80 | (v >> 6 & 0x3F)), out += static_cast<char>(0x80 | (v & 0x3F));
            } else {
                out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'b' ? '\b' : c == 'f' ? '\f' : c;
            }
        }
        return *p++ == '"';
    };
    if (p == nullptr) return "";
    ws();
    if (*p++ != '{') return "the options must be a JSON object";
    for (ws(); *p != '}'; ws()) {
        std::string key, text;
        mp_sandbox_status st = MP_SANDBOX_OK;
        if (!string(key)) return "malformed options";
        ws();
        if (*p++ != ':') return "malformed options";
        ws();
        if (*p == '"') {
            if (!string(text)) return "malformed options";
            if (key == "host") st = mp_sandbox_options_set_host(o, text.c_str());
            else if (key == "webhook_secret") st = mp_sandbox_options_set_webhook_secret(o, text.c_str());
            else return "option \"" + key + "\" is not a string option";
        } else if (key == "tls" && (std::strncmp(p, "true", 4) == 0 || std::strncmp(p, "false", 5) == 0)) {
            st = mp_sandbox_options_set_tls(o, *p == 't');
            p += *p == 't' ? 4 : 5;
        } else if (key == "port" && *p >= '0' && *p <= '9') {
            long port = std::strtol(p, const_cast<char **>(&p), 10);
            st = mp_sandbox_options_set_port(o, port > 65535 ? -1 : static_cast<int>(port));
        } else if (std::strncmp(p, "null", 4) == 0) {
            p += 4;
        } else {
            return "unknown or malformed option \"" + key + "\"";
        }
        if (st != MP_SANDBOX_OK) return mp_sandbox_last_error();
        ws();
        if (*p == ',') ++p;
        else if (*p != '}') return "malformed options";
    }
    return "";
}

inline void sandbox_check(mp_sandbox_status status) {
    if (status != MP_SANDBOX_OK)
        throw mercadopago::Error(MP_ERR_INVALID_ARGUMENT, std::string("sandbox: ") + mp_sandbox_last_error());
}

/* A fault to arm (mp_sandbox_fault_*): kind is an mp_sandbox_fault_kind. */
class SandboxFault {
public:
    explicit SandboxFault(int kind) { sandbox_check(mp_sandbox_fault_new(static_cast<mp_sandbox_fault_kind>(kind), &h_)); }
    ~SandboxFault() { mp_sandbox_fault_free(h_); }
    void set_method(const char *method) { sandbox_check(mp_sandbox_fault_set_method(h_, method)); }
    void set_path(const char *path_prefix) { sandbox_check(mp_sandbox_fault_set_path(h_, path_prefix)); }
    void set_status(int http_status) { sandbox_check(mp_sandbox_fault_set_status(h_, http_status)); }
    void set_retry_after(int seconds) { sandbox_check(mp_sandbox_fault_set_retry_after(h_, seconds)); }
    void set_delay_ms(int ms) { sandbox_check(mp_sandbox_fault_set_delay_ms(h_, ms)); }
    void set_count(int count) { sandbox_check(mp_sandbox_fault_set_count(h_, count)); }
    SandboxFault(const SandboxFault &) = delete;
    SandboxFault &operator=(const SandboxFault &) = delete;
    mp_sandbox_fault *h_ = nullptr;
};

/* The embedded sandbox (mp_sandbox.h), for the users' own tests. */
class Sandbox {
public:
    /* options: JSON such as {"tls":true,"webhook_secret":"..."} (null: defaults). */
    explicit Sandbox(const char *options_json) {
        mp_sandbox_options *options = nullptr;
        std::string why;
        if (mp_sandbox_options_new(&options) != MP_SANDBOX_OK)
            why = mp_sandbox_last_error();
        else
            why = sandbox_options_from_json(options_json, options);
        if (why.empty() && mp_sandbox_start(options, &h_) != MP_SANDBOX_OK)
            why = mp_sandbox_last_error();
        mp_sandbox_options_free(options);
        if (!why.empty())
            throw mercadopago::Error(MP_ERR_INVALID_ARGUMENT, "sandbox: " + why);
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
        if (h_ == nullptr || mp_sandbox_write_ca(h_, path) != MP_SANDBOX_OK)
            throw mercadopago::Error(MP_ERR_INVALID_ARGUMENT, "sandbox: cannot write the CA file");
    }
    long request_count() const { return h_ ? mp_sandbox_request_count(h_) : 0; }
    /* Faults and reset act on the sandbox directly, not over HTTP. */
    void arm_fault(const SandboxFault &fault) { sandbox_check(mp_sandbox_fault_arm(h_, fault.h_)); }
    void clear_faults() { sandbox_check(mp_sandbox_faults_clear(h_)); }
    void reset() { sandbox_check(mp_sandbox_reset(h_)); }

private:
    mp_sandbox *h_ = nullptr;
};

} // namespace mpswig
%}

/* The statuses and fault kinds of mp_sandbox.h as constants (MP_SANDBOX_FAULT_STALL, ...);
 * its functions are reached through the classes. */
%rename("$ignore", regextarget=1, %$isfunction) "^mp_sandbox_";
#define __attribute__(x)
%include <mp_sandbox.h>

namespace mpswig {
class SandboxFault {
public:
    SandboxFault(int kind);
    ~SandboxFault();
    void set_method(const char *method);
    void set_path(const char *path_prefix);
    void set_status(int http_status);
    void set_retry_after(int seconds);
    void set_delay_ms(int ms);
    void set_count(int count);
};

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
    void arm_fault(const SandboxFault &fault);
    void clear_faults();
    void reset();
};
} // namespace mpswig
