// Persistent transports: one per distinct connection setting, shared by the
// clients that ask for it and kept for the life of the process, so that
// their connections and TLS sessions outlive each client (PHP's persistent
// connections, as PDO::ATTR_PERSISTENT keeps database links across web
// requests in one FPM worker).
#pragma once

#include "transport.hpp"

#include <memory>

namespace mp {

// The process's transport for config's base URL, CA, proxy, timeouts and
// limits; never keyed by the access token, which each client keeps and
// sends itself.
std::shared_ptr<Transport> persistent_transport(const Config &config);

} // namespace mp
