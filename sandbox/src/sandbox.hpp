// One running sandbox: the HTTP(S) server, its routes and its state.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "faults.hpp"
#include "idempotency.hpp"
#include "router.hpp"
#include "routes.hpp"
#include "state.hpp"
#include "webhooks.hpp"

namespace httplib {
class Server;
}

namespace mp::sandbox {

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;     // 0 picks a free port
    bool tls = false; // plain HTTP unless asked: the same default as the mp-sandbox program
    std::string webhook_secret;
    // With TLS: names the server certificate carries besides 127.0.0.1, ::1, localhost and the
    // listening address (each a DNS name or an IP address, see is_tls_name).
    std::vector<std::string> tls_names;
    // With TLS, both or neither: the CA's PEM files, loaded or made once (ca_files.hpp). Neither:
    // a CA made in memory at start.
    std::string ca_cert_file;
    std::string ca_key_file;
    std::string site = "MLB";   // the site of every account that has none of its own
    int keep_alive_seconds = 5; // an idle connection holds a server thread this long
    int threads = 128;          // server threads: connections served at once, idle ones included
};

class Sandbox {
  public:
    // Starts serving; returns once connections are accepted. Throws std::runtime_error.
    explicit Sandbox(const Options &options);
    ~Sandbox();
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    // Stops the server and waits for its threads. Safe to call more than once.
    void stop();

    const std::string &url() const { return url_; }
    int port() const { return port_; }
    const std::string &ca_pem() const { return ca_pem_; } // empty without TLS
    long request_count() const { return requests_.load(std::memory_order_relaxed); }
    // Connections and TLS handshakes (full and resumed) accepted so far.
    long connection_count() const;
    long tls_handshake_count() const;
    long tls_resumed_count() const;

    // Arms a fault sequence (see faults.hpp), as POST /__sandbox/faults does.
    void arm(FaultSequence sequence) { faults_.add(std::move(sequence)); }
    void clear_faults() { faults_.clear(); }
    // Forgets every resource, idempotency key and armed fault, as DELETE /__sandbox/state does.
    // The address, the CA, the webhook secret and the request count stay.
    void reset();

    const Router &router() const { return router_; }
    Accounts &accounts() { return accounts_; }

  private:
    void serve(const httplib::Request &request, httplib::Response &response);
    // Applies the part of an injected fault that comes before serving; true when that answered
    // (or dropped) the request.
    bool fault_before(const Fault &fault, httplib::Response &response,
                      const std::string &request_id);
    // Holds the connection without answering until the client leaves or the sandbox stops.
    void stall();
    // Sleeps, cut short when the sandbox stops.
    void pause(int ms);
    Reply run_once(const Route &route, Context &ctx, const std::string &key);
    void add_control_routes();
    // A CORS preflight (OPTIONS with Access-Control-Request-Method): 204 for public-key routes.
    void preflight(const httplib::Request &request, httplib::Response &response,
                   const std::string &request_id);

    State state_; // what test credentials (TEST-) see
    Webhooks webhooks_;
    Accounts accounts_;
    Env env_;
    Router router_; // the API over state_, and the /__sandbox/ controls
    // Production credentials (APP_USR-) see their own resources, never the test ones and vice
    // versa: the same handlers, registered a second time over a State of their own (ids shared).
    State live_state_{state_.ids()};
    Env live_env_{live_state_, webhooks_, accounts_};
    Router live_router_;
    Idempotency idempotency_;
    Faults faults_;
    std::unique_ptr<httplib::Server> http_;
    std::thread thread_;
    std::atomic<bool> listener_done_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<long> requests_{0};
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    bool tls_ = false;
    std::string url_;
    std::string ca_pem_;
    int port_ = 0;
};

} // namespace mp::sandbox
