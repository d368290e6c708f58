#include "certs.hpp"

#include <algorithm>
#include <cctype>
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

[[noreturn]] void openssl_fail(const char *what) {
    char reason[256] = "unknown error";
    unsigned long code = ERR_get_error();
    if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    throw std::runtime_error(std::string("TLS setup failed: ") + what + ": " + reason);
}

void openssl_check(int ok, const char *what) {
    if (ok <= 0) openssl_fail(what);
}

Key make_key() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) openssl_fail("generating an EC P-256 key");
    return key;
}

// Ed25519/Ed448 keys (a loaded CA may have one) sign without a separate digest.
const EVP_MD *digest_for(EVP_PKEY *key) {
    int type = EVP_PKEY_get_base_id(key);
    return type == EVP_PKEY_ED25519 || type == EVP_PKEY_ED448 ? nullptr : EVP_sha256();
}

void add_ext(X509 *cert, X509 *issuer, int nid, const char *value) {
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext) openssl_fail("building a certificate extension");
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    openssl_check(ok, "adding a certificate extension");
}

// The subjectAltName extension, built as a list rather than from a configuration string, so that
// no name can be read as syntax.
void add_subject_alt_names(X509 *cert, const std::vector<std::string> &names) {
    std::unique_ptr<GENERAL_NAMES, decltype(&GENERAL_NAMES_free)> list(sk_GENERAL_NAME_new_null(),
                                                                       GENERAL_NAMES_free);
    if (!list) openssl_fail("allocating the subject names");
    for (const std::string &name : names) {
        std::unique_ptr<GENERAL_NAME, decltype(&GENERAL_NAME_free)> entry(GENERAL_NAME_new(),
                                                                          GENERAL_NAME_free);
        if (!entry) openssl_fail("allocating a subject name");
        if (ASN1_OCTET_STRING *ip = a2i_IPADDRESS(name.c_str())) {
            GENERAL_NAME_set0_value(entry.get(), GEN_IPADD, ip);
        } else {
            ERR_clear_error(); // a2i_IPADDRESS leaves an error for a name that is not an address
            ASN1_IA5STRING *dns = ASN1_IA5STRING_new();
            if (!dns || !ASN1_STRING_set(dns, name.data(), static_cast<int>(name.size()))) {
                ASN1_IA5STRING_free(dns);
                openssl_fail("setting a DNS name");
            }
            GENERAL_NAME_set0_value(entry.get(), GEN_DNS, dns);
        }
        if (!sk_GENERAL_NAME_push(list.get(), entry.get())) openssl_fail("adding a subject name");
        entry.release();
    }
    openssl_check(X509_add1_ext_i2d(cert, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT),
                  "adding the subject names");
}

// A certificate for `key` named `common_name`, valid from an hour ago for `days`.
Cert make_cert(EVP_PKEY *key, const char *common_name, long days) {
    Cert cert(X509_new());
    if (!cert) openssl_fail("allocating a certificate");
    openssl_check(X509_set_version(cert.get(), 2), "setting the certificate version");

    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
    if (!serial) openssl_fail("allocating a serial number");
    openssl_check(BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY),
                  "drawing a serial");
    if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        openssl_fail("setting the serial number");

    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600))
        openssl_fail("setting the validity period");
    openssl_check(X509_set_pubkey(cert.get(), key), "setting the public key");

    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *org = reinterpret_cast<const unsigned char *>("libmercadopago sandbox");
    const auto *cn = reinterpret_cast<const unsigned char *>(common_name);
    openssl_check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0), "naming");
    openssl_check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0), "naming");
    return cert;
}

std::string bio_text(BIO *bio) {
    char *data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(size));
}

bool is_dns_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
        return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// Case-insensitive, as DNS names compare.
std::string lower(std::string text) {
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

bool is_tls_name(std::string_view name) {
    if (name.empty() || name.size() > 253) return false;
    std::string text(name);
    if (ASN1_OCTET_STRING *ip = a2i_IPADDRESS(text.c_str())) {
        ASN1_OCTET_STRING_free(ip);
        return true;
    }
    ERR_clear_error();
    size_t start = 0;
    while (true) {
        size_t dot = name.find('.', start);
        if (!is_dns_label(name.substr(start, dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

std::string cert_pem(X509 *cert) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio) openssl_fail("allocating a memory BIO");
    openssl_check(PEM_write_bio_X509(bio.get(), cert), "writing a certificate as PEM");
    return bio_text(bio.get());
}

std::string key_pem(EVP_PKEY *key) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio) openssl_fail("allocating a memory BIO");
    openssl_check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
                  "writing a key as PEM");
    return bio_text(bio.get());
}

Ca make_ca(long days) {
    Ca ca;
    ca.key = make_key();
    ca.cert = make_cert(ca.key.get(), "mp-sandbox local CA", days);
    X509 *cert = ca.cert.get();
    openssl_check(X509_set_issuer_name(cert, X509_get_subject_name(cert)), "naming the issuer");
    add_ext(cert, cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_ext(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_ext(cert, cert, NID_subject_key_identifier, "hash");
    add_ext(cert, cert, NID_authority_key_identifier, "keyid:always");
    openssl_check(X509_sign(cert, ca.key.get(), EVP_sha256()), "signing the CA");
    return ca;
}

TlsMaterial make_tls_material(const Ca &ca, const std::vector<std::string> &extra_names) {
    std::vector<std::string> names = {"127.0.0.1", "::1", "localhost"};
    for (const std::string &name : extra_names) {
        if (!is_tls_name(name))
            throw std::runtime_error("not a DNS name or IP address: '" + name + "'");
        bool seen = std::any_of(names.begin(), names.end(), [&](const std::string &other) {
            return lower(other) == lower(name);
        });
        if (!seen) names.push_back(name);
    }

    Key key = make_key();
    Cert cert = make_cert(key.get(), "localhost", 397);
    openssl_check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.cert.get())),
                  "naming the issuer");
    add_ext(cert.get(), ca.cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), ca.cert.get(), NID_key_usage, "critical,digitalSignature");
    add_ext(cert.get(), ca.cert.get(), NID_ext_key_usage, "serverAuth");
    add_subject_alt_names(cert.get(), names);
    add_ext(cert.get(), ca.cert.get(), NID_subject_key_identifier, "hash");
    // "keyid", not "keyid:always": a loaded CA may lack a subject key identifier.
    add_ext(cert.get(), ca.cert.get(), NID_authority_key_identifier, "keyid");
    openssl_check(X509_sign(cert.get(), ca.key.get(), digest_for(ca.key.get())),
                  "signing the server certificate");

    TlsMaterial material;
    material.ca_pem = cert_pem(ca.cert.get());
    material.server_cert = std::move(cert);
    material.server_key = std::move(key);
    return material;
}

} // namespace mp::sandbox
