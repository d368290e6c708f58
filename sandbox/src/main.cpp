// mp-sandbox: runs the sandbox until SIGTERM or SIGINT.
//   mp-sandbox [--host 127.0.0.1] [--port N] [--tls] [--ca-out FILE] [--webhook-secret S]
// Plain HTTP unless --tls: the same default as mp_sandbox_start() with default options.
// Prints "mp-sandbox listening on <url>" once ready. Exit status: 0 after a signal, 1 when the
// sandbox cannot start, 2 on bad arguments.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include <pthread.h>

#include "mp_sandbox.h"

namespace {

constexpr const char *kUsage =
    "usage: mp-sandbox [--host HOST] [--port N] [--tls] [--ca-out FILE] [--webhook-secret S]\n"
    "                  [--site SITE]\n"
    "  --host HOST          address to listen on (default 127.0.0.1)\n"
    "  --port N             port, 0 picks a free one (default 0)\n"
    "  --tls                serve HTTPS with a CA generated at start (default: plain HTTP)\n"
    "  --ca-out FILE        with --tls, write the CA certificate (PEM) to FILE\n"
    "  --webhook-secret S   secret that signs webhook deliveries (x-signature)\n"
    "  --site SITE          site of every account without one of its own: MLA, MLB, MLM,\n"
    "                       MLC, MCO, MPE or MLU (default MLB)\n";

int usage_error(const std::string &message) {
    std::fprintf(stderr, "mp-sandbox: %s\n%s", message.c_str(), kUsage);
    return 2;
}

// Options whose setter failed are a bug here: every value was checked before.
void must(mp_sandbox_status status) {
    if (status != MP_SANDBOX_OK) {
        std::fprintf(stderr, "mp-sandbox: %s\n", mp_sandbox_last_error());
        std::exit(1);
    }
}

std::optional<int> parse_port(const std::string &text) {
    if (text.empty() || text.size() > 5) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    int port = std::atoi(text.c_str());
    if (port > 65535) return std::nullopt;
    return port;
}

} // namespace

int main(int argc, char **argv) {
    mp_sandbox_options *raw_options = nullptr;
    must(mp_sandbox_options_new(&raw_options));
    std::unique_ptr<mp_sandbox_options, void (*)(mp_sandbox_options *)> owned_options(
        raw_options, mp_sandbox_options_free);
    mp_sandbox_options *options = owned_options.get();
    bool tls = false;
    std::string ca_out;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        auto take = [&](std::string &into) {
            if (has_value) {
                into = value;
                return true;
            }
            if (i + 1 >= argc) return false;
            into = argv[++i];
            return true;
        };
        if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (arg == "--tls" && !has_value) {
            tls = true;
            must(mp_sandbox_options_set_tls(options, 1));
        } else if (arg == "--host") {
            std::string host;
            if (!take(host) || host.empty()) return usage_error("--host needs an address");
            must(mp_sandbox_options_set_host(options, host.c_str()));
        } else if (arg == "--port") {
            std::string text;
            if (!take(text)) return usage_error("--port needs a number");
            auto port = parse_port(text);
            if (!port) return usage_error("invalid port '" + text + "' (0-65535)");
            must(mp_sandbox_options_set_port(options, *port));
        } else if (arg == "--ca-out") {
            if (!take(ca_out) || ca_out.empty()) return usage_error("--ca-out needs a file name");
        } else if (arg == "--webhook-secret") {
            std::string secret;
            if (!take(secret)) return usage_error("--webhook-secret needs a value");
            must(mp_sandbox_options_set_webhook_secret(options, secret.c_str()));
        } else if (arg == "--site") {
            std::string site;
            if (!take(site)) return usage_error("--site needs a site id");
            if (mp_sandbox_options_set_site(options, site.c_str()) != MP_SANDBOX_OK)
                return usage_error(mp_sandbox_last_error());
        } else {
            return usage_error("unknown argument '" + arg + "'");
        }
    }
    if (!ca_out.empty() && !tls) return usage_error("--ca-out needs --tls");

    // Block the stop signals before any thread starts, so that only sigwait() below sees them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    mp_sandbox *sandbox = nullptr;
    mp_sandbox_status started = mp_sandbox_start(options, &sandbox);
    owned_options.reset();
    if (started != MP_SANDBOX_OK) {
        std::fprintf(stderr, "mp-sandbox: %s\n", mp_sandbox_last_error());
        return 1;
    }
    if (!ca_out.empty() && mp_sandbox_write_ca(sandbox, ca_out.c_str()) != MP_SANDBOX_OK) {
        std::fprintf(stderr, "mp-sandbox: %s\n", mp_sandbox_last_error());
        mp_sandbox_stop(sandbox);
        return 1;
    }
    std::printf("mp-sandbox listening on %s\n", mp_sandbox_url(sandbox));
    std::fflush(stdout);

    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    mp_sandbox_stop(sandbox);
    return 0;
}
