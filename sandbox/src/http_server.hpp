// httplib servers whose connections run over a buffered byte stream of ours.
//
// Per request, httplib 0.11.4's own socket stream polls before every read and write, asks the
// kernel for both socket addresses, and sends headers and body separately: ~11 system calls.
// These servers override httplib's per-connection loop (Server::process_and_close_socket) to
// feed Server::process_request a Stream that buffers input, caches the addresses and writes
// the whole response at once: 3 system calls (recv, send, and a wait only when idle). Measured
// on the 2-vCPU dev VM, one keep-alive connection, client and server on one CPU: 18-20k
// requests/s with httplib's stream, 33-39k with this one. HTTP parsing, routing and response
// writing all remain httplib's.
#pragma once

#include <memory>

#include <httplib.h>

namespace mp::sandbox {

std::unique_ptr<httplib::Server> make_http_server();
// What a server made here has accepted: connections, TLS handshakes, and
// how many of those resumed a session (so that tests can see a client
// reuse connections and sessions). Zeros for another server.
struct ConnectionCounts {
    long connections = 0;
    long tls_handshakes = 0;
    long tls_resumed = 0;
};
ConnectionCounts connection_counts(const httplib::Server &server);
// listen() again on the server's bound socket: only its accept queue's length changes.
void set_listen_backlog(httplib::Server &server, int backlog);
// From a request handler: close this connection without sending the response.
void drop_connection();
// From a request handler: send the response's status line and headers (with the full
// Content-Length) but only the first half of its body, then close the connection.
void truncate_response();
// From a request handler: the socket of the connection it serves (-1 outside a handler).
int current_socket();
// The certificate and key are copied (reference-counted) into the server's SSL_CTX.
std::unique_ptr<httplib::Server> make_https_server(X509 *cert, EVP_PKEY *key);

} // namespace mp::sandbox
