// Client configuration: fixed when the client is created.
#pragma once

#include "log.hpp"
#include "retry.hpp"

#include <string>

namespace mp {

inline constexpr const char *kProductionBaseUrl = "https://api.mercadopago.com";
// Every timeout and delay is at most a day: the deadlines computed from them
// can then never overflow.
inline constexpr long kMaxTimeoutMs = 86400000;

struct Config {
    std::string access_token;
    std::string base_url = kProductionBaseUrl;
    long connect_timeout_ms = 10000;
    long timeout_ms = 60000; // the whole call, all attempts included
    // A connection that moves no byte for this long is dropped (a server that
    // accepts and then stalls), well before the total timeout.
    long stall_timeout_ms = 20000;
    RetryPolicy retry;
    Logger logger;
    std::string ca_file;         // PEM file of trusted CAs; empty: the system's
    std::string ca_pem;          // in-memory PEM of trusted CAs; wins over ca_file
    std::string proxy;           // e.g. "http://proxy:3128"; empty: none
    bool proxy_from_env = false; // honour http(s)_proxy/no_proxy (https:// base URLs only)
    // The largest answer body held in memory; more ends the call (Protocol).
    size_t max_response_bytes = size_t{32} << 20;
    std::string user_agent_suffix;
    std::string platform_id;
    std::string integrator_id;
    std::string corporation_id;
    // Connections (each with its TLS session) kept open between calls.
    size_t max_idle_connections = 64;
    // Share one process-wide transport with every persistent client of the
    // same base URL, CA, proxy, timeouts and limits (never the token): its
    // connections outlive the clients (PHP-FPM: across web requests).
    bool persistent = false;
};

} // namespace mp
