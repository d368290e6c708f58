#include "auth.hpp"

#include "errors.hpp"
#include "util.hpp"

namespace mp::sandbox {

namespace {

// The trailing group when it is a plausible user id (1-18 digits), else 0.
int64_t numeric_suffix(std::string_view value) {
    size_t dash = value.rfind('-');
    std::string_view last = value.substr(dash + 1);
    if (!is_digits(last) || last.size() > 18) return 0;
    return std::stoll(std::string(last));
}

} // namespace

bool is_credential_shape(std::string_view value) {
    std::string_view rest;
    if (value.substr(0, 5) == "TEST-")
        rest = value.substr(5);
    else if (value.substr(0, 8) == "APP_USR-")
        rest = value.substr(8);
    else
        return false;
    if (rest.size() < 6) return false;
    for (char c : rest) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

int64_t collector_for_access_token(std::string_view token) {
    if (int64_t id = numeric_suffix(token); id > 0) return id;
    uint64_t hash = 14695981039346656037ULL; // FNV-1a: stable across runs and machines
    for (unsigned char c : token) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return 100000000 + static_cast<int64_t>(hash % 900000000ULL);
}

bool is_production_request(const httplib::Request &request) {
    auto header = request.headers.find("Authorization");
    if (header == request.headers.end())
        return request.get_param_value("public_key").rfind("APP_USR-", 0) == 0;
    const std::string &value = header->second;
    if (value.size() <= 7 || to_lower(value.substr(0, 7)) != "bearer ") return false;
    size_t start = value.find_first_not_of(' ', 7);
    return start != std::string::npos && value.compare(start, 8, "APP_USR-") == 0;
}

Credential authenticate(const httplib::Request &request, bool public_key_ok) {
    static const std::string kMissing = "Must provide your access_token to proceed";
    auto header = request.headers.find("Authorization");
    if (header == request.headers.end()) {
        if (public_key_ok && request.has_param("public_key")) {
            std::string key = request.get_param_value("public_key");
            if (!is_credential_shape(key)) throw unauthorized(2, "invalid public_key");
            Credential cred;
            cred.public_key = true;
            cred.public_key_value = key;
            cred.collector = numeric_suffix(key);
            cred.live_mode = key.rfind("APP_USR-", 0) == 0;
            cred.ns = "pk:" + key;
            return cred;
        }
        throw unauthorized(5, kMissing);
    }
    const std::string &value = header->second;
    if (value.size() <= 7 || to_lower(value.substr(0, 7)) != "bearer ")
        throw unauthorized(2, "invalid access token");
    std::string_view token(value);
    token.remove_prefix(7);
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ')
        token.remove_suffix(1);
    if (!is_credential_shape(token)) throw unauthorized(2, "invalid access token");
    Credential cred;
    cred.collector = collector_for_access_token(token);
    cred.access_token = std::string(token);
    cred.live_mode = token.substr(0, 8) == "APP_USR-";
    // Idempotency keys are per mode too: a replay never crosses test and production data.
    cred.ns = (cred.live_mode ? "live:" : "") + std::to_string(cred.collector);
    return cred;
}

} // namespace mp::sandbox
