// Random (version 4) UUIDs from OpenSSL's CSPRNG, for idempotency keys.
#pragma once

#include <string>

namespace mp {

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lowercase hex.
std::string uuid_v4();

} // namespace mp
