// A CA kept in two PEM files, so that restarts sign with the same CA (--ca-cert/--ca-key,
// mp_sandbox_options_set_ca_files).
#pragma once

#include <string>

#include "certs.hpp"

namespace mp::sandbox {

// Both files exist: loads the CA from them (an unencrypted key that matches a CA certificate
// still valid). Neither exists: makes a new CA and writes both, the key with mode 0600. Throws
// std::runtime_error naming the file and the reason otherwise (one file only, unreadable,
// not PEM, mismatched, not a CA, expired); the files' contents never appear in the message.
Ca load_or_create_ca(const std::string &cert_path, const std::string &key_path);

} // namespace mp::sandbox
