// TLS material generated in memory at start: an EC P-256 CA and a server certificate for
// IP:127.0.0.1, IP:::1 and DNS:localhost signed by it.
#pragma once

#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace mp::sandbox {

struct X509Deleter {
    void operator()(X509 *cert) const { X509_free(cert); }
};
struct KeyDeleter {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};

struct TlsMaterial {
    std::unique_ptr<X509, X509Deleter> server_cert;
    std::unique_ptr<EVP_PKEY, KeyDeleter> server_key;
    std::string ca_pem;
};

// Throws std::runtime_error (with OpenSSL's reason) on failure.
TlsMaterial make_tls_material();

} // namespace mp::sandbox
