#include "certs.hpp"

#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace mp::sandbox {

namespace {

using Cert = std::unique_ptr<X509, X509Deleter>;
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;

[[noreturn]] void fail(const char *what) {
    char reason[256] = "unknown error";
    unsigned long code = ERR_get_error();
    if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    throw std::runtime_error(std::string("TLS setup failed: ") + what + ": " + reason);
}

void check(int ok, const char *what) {
    if (ok <= 0) fail(what);
}

Key make_key() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) fail("generating an EC P-256 key");
    return key;
}

void add_ext(X509 *cert, X509 *issuer, int nid, const char *value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) fail("building a certificate extension");
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(ok, "adding a certificate extension");
}

// A certificate for `key` named `common_name`, valid from an hour ago for `days`.
Cert make_cert(EVP_PKEY *key, const char *common_name, long days) {
    Cert cert(X509_new());
    if (!cert) fail("allocating a certificate");
    check(X509_set_version(cert.get(), 2), "setting the certificate version");

    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
    if (!serial) fail("allocating a serial number");
    check(BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY), "drawing a serial");
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        fail("setting the serial number");

    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600))
        fail("setting the validity period");
    check(X509_set_pubkey(cert.get(), key), "setting the public key");

    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *org = reinterpret_cast<const unsigned char *>("libmercadopago sandbox");
    const auto *cn = reinterpret_cast<const unsigned char *>(common_name);
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0), "naming");
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0), "naming");
    return cert;
}

std::string to_pem(X509 *cert) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio) fail("allocating a memory BIO");
    check(PEM_write_bio_X509(bio.get(), cert), "writing the CA as PEM");
    char *data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(size));
}

} // namespace

TlsMaterial make_tls_material() {
    Key ca_key = make_key();
    Cert ca = make_cert(ca_key.get(), "mp-sandbox local CA", 825);
    check(X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())), "naming the issuer");
    add_ext(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_ext(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    add_ext(ca.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(ca.get(), ca_key.get(), EVP_sha256()), "signing the CA");

    Key key = make_key();
    Cert cert = make_cert(key.get(), "localhost", 397);
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get())), "naming the issuer");
    add_ext(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
    add_ext(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth");
    add_ext(cert.get(), ca.get(), NID_subject_alt_name,
            "IP:127.0.0.1,IP:0:0:0:0:0:0:0:1,DNS:localhost");
    add_ext(cert.get(), ca.get(), NID_subject_key_identifier, "hash");
    add_ext(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(cert.get(), ca_key.get(), EVP_sha256()), "signing the server certificate");

    TlsMaterial material;
    material.ca_pem = to_pem(ca.get());
    material.server_cert = std::move(cert);
    material.server_key = std::move(key);
    return material;
}

} // namespace mp::sandbox
