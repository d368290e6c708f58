#include "persistent_transports.hpp"

#include <map>
#include <mutex>
#include <string>

namespace mp {

namespace {

// Everything Transport reads from its configuration. A field added to
// Transport must be added here, or two settings would share connections.
std::string key_of(const Config &c) {
    std::string key;
    auto add = [&key](const std::string &field) {
        key += std::to_string(field.size());
        key += ':';
        key += field;
    };
    add(c.base_url);
    add(c.ca_file);
    add(c.ca_pem);
    add(c.proxy);
    add(c.user_agent_suffix);
    for (long n : {c.connect_timeout_ms, c.timeout_ms, c.stall_timeout_ms,
                   static_cast<long>(c.proxy_from_env), static_cast<long>(c.max_response_bytes),
                   static_cast<long>(c.max_idle_connections)})
        add(std::to_string(n));
    return key;
}

} // namespace

std::shared_ptr<Transport> persistent_transport(const Config &config) {
    // Never destroyed: a persistent transport lives as long as the process
    // (and is not torn down by static destructors a fork handler may race).
    static auto *mutex = new std::mutex;
    static auto *transports = new std::map<std::string, std::shared_ptr<Transport>>;
    std::string key = key_of(config);
    std::lock_guard<std::mutex> lock(*mutex);
    std::shared_ptr<Transport> &t = (*transports)[key];
    if (!t) t = std::make_shared<Transport>(config);
    return t;
}

} // namespace mp
