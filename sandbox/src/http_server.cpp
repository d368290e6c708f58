#include "http_server.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

// The connection stream below overrides cpp-httplib's Stream and a private
// virtual of its Server, as they are in 0.11.x (Debian 12's): another release
// may change them silently, so it must be checked here first.
static_assert(std::string_view(CPPHTTPLIB_VERSION).substr(0, 5) == "0.11.",
              "sandbox/src/http_server.cpp overrides cpp-httplib 0.11.x internals: "
              "recheck ConnectionStream and process_and_close_socket for this version");

namespace mp::sandbox {

namespace {

constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kFlushThreshold = 64 * 1024;
constexpr int kWaitSliceMs = 100; // how soon a waiting connection notices stop()

std::pair<std::string, int> address_of(const sockaddr_storage &addr) {
    char text[INET6_ADDRSTRLEN] = "";
    int port = 0;
    if (addr.ss_family == AF_INET) {
        const auto &in = reinterpret_cast<const sockaddr_in &>(addr);
        inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        port = ntohs(in.sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto &in6 = reinterpret_cast<const sockaddr_in6 &>(addr);
        inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
        port = ntohs(in6.sin6_port);
    }
    return {text, port};
}

using Clock = std::chrono::steady_clock;

thread_local bool drop_requested = false;     // set by drop_connection() during process_request
thread_local bool truncate_requested = false; // set by truncate_response()
thread_local int serving_socket = -1;

// One accepted connection, plain or TLS. The socket stays blocking, with a short receive timeout
// (kWaitSliceMs): waiting for data is a plain recv() (no poll() per request) that still notices a
// stopping server within the slice; the longer read and keep-alive deadlines are kept here.
class ConnectionStream final : public httplib::Stream {
  public:
    ConnectionStream(int sock, SSL *ssl, const std::atomic<socket_t> &server_socket,
                     std::chrono::seconds read_timeout)
        : sock_(sock), ssl_(ssl), server_socket_(server_socket), read_timeout_(read_timeout),
          in_(kReadChunk) {}

    bool is_readable() const override {
        if (has_buffered_input()) return true;
        pollfd p{sock_, POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(read_timeout_.count() * 1000)) > 0;
    }
    // Output is buffered until the response is complete (or input is needed).
    bool is_writable() const override { return !failed_; }

    ssize_t read(char *ptr, size_t size) override {
        if (in_pos_ == in_len_) {
            ssize_t n = fill(Clock::now() + read_timeout_);
            if (n <= 0) return n;
        }
        size_t n = std::min(size, in_len_ - in_pos_);
        std::copy_n(in_.data() + in_pos_, n, ptr);
        in_pos_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char *ptr, size_t size) override {
        if (failed_) return -1;
        out_.append(ptr, size);
        if (out_.size() >= kFlushThreshold && !truncate_requested && !flush()) return -1;
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string &ip, int &port) const override {
        if (!remote_) remote_ = lookup(&getpeername);
        ip = remote_->first;
        port = remote_->second;
    }
    void get_local_ip_and_port(std::string &ip, int &port) const override {
        if (!local_) local_ = lookup(&getsockname);
        ip = local_->first;
        port = local_->second;
    }
    socket_t socket() const override { return sock_; }

    bool has_buffered_input() const { return in_pos_ < in_len_ || (ssl_ && SSL_pending(ssl_) > 0); }

    // Waits for the first bytes of the next request, until `deadline`.
    bool wait_for_input(Clock::time_point deadline) {
        return has_buffered_input() || fill(deadline) > 0;
    }

    // Keeps the head of the buffered response and half of its body (see truncate_response()).
    void truncate_body() {
        size_t head = out_.find("\r\n\r\n");
        if (head == std::string::npos) return;
        head += 4;
        out_.resize(head + (out_.size() - head) / 2);
    }

    bool flush() {
        size_t sent = 0;
        while (!failed_ && sent < out_.size()) {
            ssize_t n = transmit(out_.data() + sent, out_.size() - sent);
            if (n <= 0)
                failed_ = true;
            else
                sent += static_cast<size_t>(n);
        }
        out_.clear();
        return !failed_;
    }

  private:
    using NameFn = int (*)(int, sockaddr *, socklen_t *);

    std::pair<std::string, int> lookup(NameFn fn) const {
        sockaddr_storage addr{};
        socklen_t length = sizeof addr;
        if (fn(sock_, reinterpret_cast<sockaddr *>(&addr), &length) != 0) return {"", 0};
        return address_of(addr);
    }

    // Refills the (empty) input buffer: >0 bytes, 0 at end of stream, -1 on error, timeout or
    // server stop. Pending output goes first: the peer may wait for it (100-continue).
    ssize_t fill(Clock::time_point deadline) {
        if (!flush()) return -1;
        in_pos_ = in_len_ = 0;
        while (true) {
            ssize_t n = receive(in_.data(), in_.size());
            if (n >= 0) {
                in_len_ = static_cast<size_t>(n);
                return n;
            }
            bool timed_out = errno == EAGAIN || errno == EWOULDBLOCK;
            if (!timed_out || server_socket_ == INVALID_SOCKET || Clock::now() >= deadline)
                return -1;
        }
    }

    // One receive; -1 with errno EAGAIN when the wait slice ran out.
    ssize_t receive(char *ptr, size_t size) {
        if (ssl_) {
            int n = SSL_read(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
            if (n > 0) return n;
            int error = SSL_get_error(ssl_, n);
            if (error == SSL_ERROR_ZERO_RETURN) return 0;
            errno = error == SSL_ERROR_WANT_READ ? EAGAIN : EIO;
            return -1;
        }
        while (true) {
            ssize_t n = ::recv(sock_, ptr, size, 0);
            if (n >= 0 || errno != EINTR) return n;
        }
    }

    ssize_t transmit(const char *ptr, size_t size) {
        if (ssl_) {
            int n = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
            return n > 0 ? n : -1;
        }
        while (true) {
            ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
            if (n >= 0 || errno != EINTR) return n;
        }
    }

    int sock_;
    SSL *ssl_;
    const std::atomic<socket_t> &server_socket_;
    std::chrono::seconds read_timeout_;
    std::vector<char> in_;
    size_t in_pos_ = 0;
    size_t in_len_ = 0;
    std::string out_;
    bool failed_ = false;
    mutable std::optional<std::pair<std::string, int>> remote_;
    mutable std::optional<std::pair<std::string, int>> local_;
};

struct Counted {
    virtual ~Counted() = default;
    virtual void set_backlog(int backlog) = 0;
    std::atomic<long> connections{0};
    std::atomic<long> tls_handshakes{0};
    std::atomic<long> tls_resumed{0};
};

template <class Base> class BufferedServer final : public Base, public Counted {
  public:
    using Base::Base;
    void set_backlog(int backlog) override {
        if (this->svr_sock_ != INVALID_SOCKET) ::listen(this->svr_sock_, backlog);
    }

  private:
    bool serve_connection(int sock, SSL *ssl) {
        timeval slice{0, kWaitSliceMs * 1000};
        setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
        serving_socket = sock;
        ConnectionStream stream(sock, ssl, this->svr_sock_,
                                std::chrono::seconds(std::max<time_t>(1, this->read_timeout_sec_)));
        bool ok = false;
        for (size_t left = this->keep_alive_max_count_; left > 0; --left) {
            auto idle_until = Clock::now() + std::chrono::seconds(this->keep_alive_timeout_sec_);
            if (!stream.wait_for_input(idle_until)) break;
            bool closed = false;
            ok = this->process_request(stream, left == 1, closed,
                                       [ssl](httplib::Request &req) { req.ssl = ssl; });
            if (drop_requested) {
                drop_requested = false;
                ok = false;
                break; // the buffered response is never sent
            }
            if (truncate_requested) {
                truncate_requested = false;
                stream.truncate_body();
                stream.flush();
                ok = false;
                break;
            }
            if (!stream.flush() || !ok || closed) break;
        }
        return ok;
    }

    bool process_and_close_socket(socket_t sock) override {
        bool ok = false;
        connections.fetch_add(1, std::memory_order_relaxed);
        if constexpr (std::is_same_v<Base, httplib::SSLServer>) {
            // The handshake runs under httplib's read/write timeouts, set on the socket.
            SSL *ssl = SSL_new(this->ssl_context());
            if (ssl && SSL_set_fd(ssl, sock) == 1 && SSL_accept(ssl) == 1) {
                tls_handshakes.fetch_add(1, std::memory_order_relaxed);
                if (SSL_session_reused(ssl)) tls_resumed.fetch_add(1, std::memory_order_relaxed);
                ok = serve_connection(sock, ssl);
                if (ok) SSL_shutdown(ssl);
            }
            SSL_free(ssl);
        } else {
            ok = serve_connection(sock, nullptr);
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return ok;
    }
};

} // namespace

void drop_connection() {
    drop_requested = true;
}

void truncate_response() {
    truncate_requested = true;
}

ConnectionCounts connection_counts(const httplib::Server &server) {
    ConnectionCounts counts;
    if (const auto *c = dynamic_cast<const Counted *>(&server)) {
        counts.connections = c->connections.load(std::memory_order_relaxed);
        counts.tls_handshakes = c->tls_handshakes.load(std::memory_order_relaxed);
        counts.tls_resumed = c->tls_resumed.load(std::memory_order_relaxed);
    }
    return counts;
}

void set_listen_backlog(httplib::Server &server, int backlog) {
    if (auto *c = dynamic_cast<Counted *>(&server)) c->set_backlog(backlog);
}

int current_socket() {
    return serving_socket;
}

std::unique_ptr<httplib::Server> make_http_server() {
    return std::make_unique<BufferedServer<httplib::Server>>();
}

std::unique_ptr<httplib::Server> make_https_server(X509 *cert, EVP_PKEY *key) {
    auto server = std::make_unique<BufferedServer<httplib::SSLServer>>(cert, key);
    if (server->is_valid()) SSL_CTX_set_min_proto_version(server->ssl_context(), TLS1_2_VERSION);
    return server;
}

} // namespace mp::sandbox
