// TLS material made at start: an EC P-256 CA (generated, or the one ca_files.hpp loads) and a
// server certificate signed by it for IP:127.0.0.1, IP:::1, DNS:localhost and the names asked.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace mp::sandbox {

struct X509Deleter {
    void operator()(X509 *cert) const { X509_free(cert); }
};
struct KeyDeleter {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};

struct Ca {
    std::unique_ptr<X509, X509Deleter> cert;
    std::unique_ptr<EVP_PKEY, KeyDeleter> key;
};

struct TlsMaterial {
    std::unique_ptr<X509, X509Deleter> server_cert;
    std::unique_ptr<EVP_PKEY, KeyDeleter> server_key;
    std::string ca_pem;
};

// A new CA, valid from an hour ago for `days`. Throws std::runtime_error (with OpenSSL's reason).
Ca make_ca(long days);

// A server certificate signed by `ca` for 127.0.0.1, ::1, localhost and `extra_names` (each
// one is_tls_name; duplicates are dropped). Throws std::runtime_error.
TlsMaterial make_tls_material(const Ca &ca, const std::vector<std::string> &extra_names);

// True for an IPv4 or IPv6 address, or a DNS name: dot-separated labels of 1-63 letters, digits,
// '-' (not first or last) and '_' (container names use it), 253 characters at most.
bool is_tls_name(std::string_view name);

// PEM texts, for writing a CA to files. Throw std::runtime_error.
std::string cert_pem(X509 *cert);
std::string key_pem(EVP_PKEY *key);

} // namespace mp::sandbox
