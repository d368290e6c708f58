#include "ca_files.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mp::sandbox {

namespace {

// A CA written here stays valid long enough to be installed in trust stores once.
constexpr long kWrittenCaDays = 3650;

[[noreturn]] void ca_file_fail(const std::string &path, const std::string &why) {
    ERR_clear_error();
    throw std::runtime_error("CA file " + path + ": " + why);
}

bool exists(const std::string &path) {
    struct stat info;
    if (::stat(path.c_str(), &info) == 0) return true;
    if (errno == ENOENT) return false;
    ca_file_fail(path, std::strerror(errno));
}

// Never prompts for a passphrase (OpenSSL's default on a terminal): an encrypted key fails.
int no_passphrase(char *, int, int, void *) {
    return -1;
}

Ca load(const std::string &cert_path, const std::string &key_path) {
    Ca ca;
    std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new_file(cert_path.c_str(), "r"),
                                                       BIO_free);
    if (!cert_bio) ca_file_fail(cert_path, std::string("cannot open: ") + std::strerror(errno));
    ca.cert.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    if (!ca.cert) ca_file_fail(cert_path, "not a PEM certificate");

    std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new_file(key_path.c_str(), "r"),
                                                      BIO_free);
    if (!key_bio) ca_file_fail(key_path, std::string("cannot open: ") + std::strerror(errno));
    ca.key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr));
    if (!ca.key) ca_file_fail(key_path, "not an unencrypted PEM private key");

    if (X509_check_ca(ca.cert.get()) < 1) ca_file_fail(cert_path, "not a CA certificate");
    if (X509_check_private_key(ca.cert.get(), ca.key.get()) != 1)
        ca_file_fail(key_path, "this key does not belong to the certificate " + cert_path);
    if (X509_cmp_current_time(X509_get0_notAfter(ca.cert.get())) <= 0)
        ca_file_fail(cert_path,
                     "the certificate has expired: remove both files to have a new CA made");
    if (X509_cmp_current_time(X509_get0_notBefore(ca.cert.get())) > 0)
        ca_file_fail(cert_path, "the certificate is not valid yet");
    ERR_clear_error();
    return ca;
}

// Creates `path` (it must not exist) with `mode` and writes `text`; removes it on failure.
void write_new(const std::string &path, const std::string &text, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) ca_file_fail(path, std::string("cannot create: ") + std::strerror(errno));
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<size_t>(n);
    }
    int error = done == text.size() ? 0 : errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0 || done != text.size()) {
        ::unlink(path.c_str());
        ca_file_fail(path, std::string("cannot write: ") + std::strerror(error ? error : EIO));
    }
}

} // namespace

Ca load_or_create_ca(const std::string &cert_path, const std::string &key_path) {
    if (cert_path.empty() || key_path.empty())
        throw std::runtime_error("a CA needs both a certificate file and a key file");
    if (cert_path == key_path)
        throw std::runtime_error("the CA certificate and key must be two different files");
    bool has_cert = exists(cert_path);
    bool has_key = exists(key_path);
    if (has_cert && has_key) return load(cert_path, key_path);
    if (has_cert != has_key) {
        const std::string &present = has_cert ? cert_path : key_path;
        const std::string &missing = has_cert ? key_path : cert_path;
        ca_file_fail(present,
                     "exists but " + missing +
                         " does not: give both files of one CA, or two missing files to have "
                         "a new CA written there");
    }
    Ca ca = make_ca(kWrittenCaDays);
    // The key first, owner-only from its creation; the certificate only once the key is there,
    // and never one without the other.
    write_new(key_path, key_pem(ca.key.get()), 0600);
    try {
        write_new(cert_path, cert_pem(ca.cert.get()), 0644);
    } catch (...) {
        ::unlink(key_path.c_str());
        throw;
    }
    return ca;
}

} // namespace mp::sandbox
