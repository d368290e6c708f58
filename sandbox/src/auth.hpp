// Bearer access tokens and public keys: shape check and the collector (user) id they name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <httplib.h>

namespace mp::sandbox {

struct Credential {
    int64_t collector = 0; // 0 only for a public key that names no user
    bool live_mode = false;
    bool public_key = false;
    std::string public_key_value;
    std::string access_token; // as presented, for accounts.hpp's check; never logged
    std::string ns;           // idempotency keys are scoped to this
    std::string site_id;      // the account's site (accounts.hpp); empty: the default, MLB
};

// ^(TEST|APP_USR)-[A-Za-z0-9_-]{6,}$
bool is_credential_shape(std::string_view value);

// The last '-'-separated group when it is all digits, else a stable hash of the whole value
// (nullopt-like 0 for public keys, see authenticate()).
int64_t collector_for_access_token(std::string_view token);

// True when the request carries production credentials (an APP_USR- Bearer token, or without
// Authorization an APP_USR- ?public_key=): they have resources of their own (sandbox.hpp).
bool is_production_request(const httplib::Request &request);

// Reads "Authorization: Bearer <token>"; when public_key_ok, "?public_key=<key>" is accepted
// instead. Throws ApiError 401 (cause 5 when missing, 2 when malformed).
Credential authenticate(const httplib::Request &request, bool public_key_ok);

} // namespace mp::sandbox
