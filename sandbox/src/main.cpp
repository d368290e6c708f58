// mp-sandbox: runs the sandbox until SIGTERM or SIGINT; `mp-sandbox --help` says how.
// Every option that shapes the server has an MP_SANDBOX_* environment variable (kOptions, one
// row per option: a new option gets its variable there); the command line wins over the
// environment. Plain HTTP unless --tls: the same default as mp_sandbox_start() with default
// options. Prints "mp-sandbox listening on <url>" once ready. Exit status: 0 after a signal (and
// for --help and --version), 1 when the sandbox cannot start, 2 on bad arguments.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pthread.h>

#include "mp_sandbox.h"

namespace {

enum class Opt {
    Host,
    Port,
    Tls,
    TlsName,
    CaCert,
    CaKey,
    CaOut,
    WebhookSecret,
    Site,
    KeepAlive,
    Threads,
    Version,
    Help
};

struct Option {
    Opt id;
    const char *flag;     // "--host"
    const char *variable; // its environment variable; nullptr: command line only
    const char *arg;      // the value's name in the usage; nullptr: a switch
    const char *help;     // continuation lines start with '\n'
};

constexpr Option kOptions[] = {
    {Opt::Host, "--host", "MP_SANDBOX_HOST", "ADDR",
     "address to listen on (default 127.0.0.1); 0.0.0.0 or :: for every\n"
     "interface, e.g. in a container"},
    {Opt::Port, "--port", "MP_SANDBOX_PORT", "N", "port; 0 (the default) picks a free one"},
    {Opt::Tls, "--tls", "MP_SANDBOX_TLS", nullptr,
     "serve HTTPS (default: plain HTTP, which the client accepts on\n"
     "loopback only); the variable takes 1/0, true/false, yes/no, on/off"},
    {Opt::TlsName, "--tls-name", "MP_SANDBOX_TLS_NAME", "NAME",
     "with --tls: a DNS name or IP address the certificate also names\n"
     "(it always names 127.0.0.1, ::1, localhost and --host); repeatable;\n"
     "the variable takes a comma-separated list"},
    {Opt::CaCert, "--ca-cert", "MP_SANDBOX_CA_CERT", "FILE",
     "with --tls and --ca-key: the CA certificate (PEM) that signs the\n"
     "server's; if neither file exists, a new CA is written to both (the\n"
     "key with mode 0600), so that every later start uses the same CA"},
    {Opt::CaKey, "--ca-key", "MP_SANDBOX_CA_KEY", "FILE",
     "with --tls and --ca-cert: that CA's private key (unencrypted PEM)"},
    {Opt::CaOut, "--ca-out", "MP_SANDBOX_CA_OUT", "FILE",
     "with --tls: write the CA certificate (PEM) to FILE once started"},
    {Opt::WebhookSecret, "--webhook-secret", "MP_SANDBOX_WEBHOOK_SECRET", "S",
     "secret that signs webhook deliveries (x-signature)"},
    {Opt::Site, "--site", "MP_SANDBOX_SITE", "SITE",
     "the site of every account without one of its own: MLA, MLB, MLM,\n"
     "MLC, MCO, MPE or MLU (default MLB)"},
    {Opt::KeepAlive, "--keep-alive", "MP_SANDBOX_KEEP_ALIVE", "SECONDS",
     "how long an idle connection is kept open, 1 to 3600 (default 5;\n"
     "each open connection holds one of the 128 server threads)"},
    {Opt::Threads, "--threads", "MP_SANDBOX_THREADS", "N",
     "server threads, 8 to 4096 (default 128): at most N connections are\n"
     "served at once, open idle ones included"},
    {Opt::Version, "--version", nullptr, nullptr, "print the version and exit"},
    {Opt::Help, "--help", nullptr, nullptr, "print this help and exit (also -h)"},
};

constexpr const char *kUsageTail =
    "An empty variable counts as unset. Exit status: 0 after SIGTERM or SIGINT, 1 when\n"
    "the sandbox cannot start (port in use, a bad CA file, ...), 2 on bad arguments.\n"
    "Once ready it prints one line on stdout: \"mp-sandbox listening on URL\".\n"
    "\n"
    "Control routes (no credentials; never faulted):\n"
    "  GET    /__sandbox/health  200 {\"status\":\"ok\",\"version\",\"uptime_seconds\",\"tls\",\n"
    "                            \"requests\",\"connections\",\"tls_handshakes\",\"tls_resumed\"}\n"
    "  POST   /__sandbox/reset   forget every resource, idempotency key and fault\n"
    "  DELETE /__sandbox/state   the same\n"
    "  POST|GET|DELETE /__sandbox/faults  arm, list, clear injected faults\n"
    "\n"
    "In a container, HTTPS with a CA that survives restarts (mount /ca as a volume):\n"
    "  mp-sandbox --host 0.0.0.0 --port 8443 --tls --tls-name mp-sandbox \\\n"
    "             --ca-cert /ca/ca.pem --ca-key /ca/ca.key\n"
    "Details: sandbox/README.md.\n";

// What the options ask for, from the environment and then the command line.
struct Settings {
    std::optional<std::string> host;
    std::optional<int> port;
    bool tls = false;
    std::vector<std::string> tls_names;
    std::string ca_cert;
    std::string ca_key;
    std::string ca_out;
    std::optional<std::string> webhook_secret;
    std::optional<std::string> site;
    std::optional<int> keep_alive;
    std::optional<int> threads;
};

void print_usage(std::FILE *to) {
    std::fputs("usage: mp-sandbox [OPTION]...\n"
               "Serves the local Mercado Pago API emulator until SIGTERM or SIGINT.\n\n"
               "Options (the environment variable in brackets; the command line wins):\n",
               to);
    for (const Option &option : kOptions) {
        std::string head = std::string("  ") + option.flag;
        if (option.arg) head += std::string(" ") + option.arg;
        if (option.variable) head += std::string(" [") + option.variable + "]";
        std::fprintf(to, "%s\n", head.c_str());
        std::string help = option.help;
        for (size_t start = 0; start <= help.size();) {
            size_t end = help.find('\n', start);
            if (end == std::string::npos) end = help.size();
            std::fprintf(to, "      %s\n", help.substr(start, end - start).c_str());
            start = end + 1;
        }
    }
    std::fputs("\n", to);
    std::fputs(kUsageTail, to);
}

int usage_error(const std::string &message) {
    std::fprintf(stderr, "mp-sandbox: %s\n(mp-sandbox --help lists the options)\n",
                 message.c_str());
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

std::optional<bool> parse_switch(const std::string &text) {
    for (const char *yes : {"1", "true", "yes", "on"})
        if (text == yes) return true;
    for (const char *no : {"0", "false", "no", "off"})
        if (text == no) return false;
    return std::nullopt;
}

// A value of the tls-name option, checked as the library checks it.
bool valid_tls_name(const std::string &name) {
    mp_sandbox_options *probe = nullptr;
    must(mp_sandbox_options_new(&probe));
    bool ok = mp_sandbox_options_add_tls_name(probe, name.c_str()) == MP_SANDBOX_OK;
    mp_sandbox_options_free(probe);
    return ok;
}

// Applies one option's value to `s`; an error message, or "" when it was fine. `where` names the
// origin for messages: the flag, or the variable.
std::string apply(const Option &option, const std::string &value, bool from_environment,
                  const std::string &where, Settings &s) {
    switch (option.id) {
    case Opt::Host:
        if (value.empty()) return where + " needs an address";
        s.host = value;
        return "";
    case Opt::Port: {
        auto port = parse_port(value);
        if (!port) return where + ": invalid port '" + value + "' (0-65535)";
        s.port = port;
        return "";
    }
    case Opt::Tls: {
        if (!from_environment) {
            s.tls = true;
            return "";
        }
        auto on = parse_switch(value);
        if (!on) return where + ": expected 1/0, true/false, yes/no or on/off";
        s.tls = *on;
        return "";
    }
    case Opt::TlsName: {
        std::vector<std::string> names;
        if (from_environment) {
            for (size_t start = 0; start <= value.size();) {
                size_t comma = value.find(',', start);
                if (comma == std::string::npos) comma = value.size();
                std::string name = value.substr(start, comma - start);
                while (!name.empty() && name.front() == ' ')
                    name.erase(0, 1);
                while (!name.empty() && name.back() == ' ')
                    name.pop_back();
                if (!name.empty()) names.push_back(name);
                start = comma + 1;
            }
        } else {
            names.push_back(value);
        }
        if (names.empty()) return where + " needs a DNS name or an IP address";
        for (const std::string &name : names) {
            if (!valid_tls_name(name))
                return where + ": not a DNS name or IP address: '" + name + "'";
            s.tls_names.push_back(name);
        }
        return "";
    }
    case Opt::CaCert:
        if (value.empty()) return where + " needs a file name";
        s.ca_cert = value;
        return "";
    case Opt::CaKey:
        if (value.empty()) return where + " needs a file name";
        s.ca_key = value;
        return "";
    case Opt::CaOut:
        if (value.empty()) return where + " needs a file name";
        s.ca_out = value;
        return "";
    case Opt::WebhookSecret:
        s.webhook_secret = value; // never echoed: it is a secret
        return "";
    case Opt::Site:
        if (value.empty()) return where + " needs a site id";
        s.site = value; // checked by mp_sandbox_options_set_site, which names the valid ones
        return "";
    case Opt::KeepAlive:
    case Opt::Threads: {
        // A whole number here; its range is the setter's to check (mp_sandbox_options_set_*).
        auto n = parse_port(value);
        if (!n) return where + ": not a whole number: '" + value + "'";
        (option.id == Opt::KeepAlive ? s.keep_alive : s.threads) = n;
        return "";
    }
    case Opt::Version:
    case Opt::Help:
        return "";
    }
    return "";
}

const Option *find_option(const std::string &flag) {
    if (flag == "-h") return find_option("--help");
    for (const Option &option : kOptions)
        if (flag == option.flag) return &option;
    return nullptr;
}

} // namespace

int main(int argc, char **argv) {
    // The command line first, for its syntax and for --help/--version, which ignore the rest.
    std::vector<std::pair<const Option *, std::string>> given;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        const Option *option = find_option(arg);
        if (!option) return usage_error("unknown argument '" + arg + "'");
        if (!option->arg) {
            if (has_value) return usage_error(arg + " takes no value");
        } else if (!has_value) {
            if (i + 1 >= argc) return usage_error(arg + " needs a value (" + option->arg + ")");
            value = argv[++i];
        }
        given.emplace_back(option, value);
    }
    for (auto &[option, value] : given) {
        if (option->id == Opt::Help) {
            print_usage(stdout);
            return 0;
        }
        if (option->id == Opt::Version) {
            std::printf("mp-sandbox %s\n", mp_sandbox_version());
            return 0;
        }
    }

    // The environment, for the options the command line does not give: the command line wins,
    // even over a variable whose value is wrong, and its --tls-name list replaces the variable's.
    Settings s;
    for (const Option &option : kOptions) {
        if (!option.variable) continue;
        bool on_command_line = false;
        for (auto &[given_option, value] : given)
            on_command_line = on_command_line || given_option->id == option.id;
        if (on_command_line) continue;
        const char *value = std::getenv(option.variable);
        if (!value || !*value) continue;
        std::string error = apply(option, value, true, option.variable, s);
        if (!error.empty()) return usage_error(error);
    }
    for (auto &[option, value] : given) {
        std::string error = apply(*option, value, false, option->flag, s);
        if (!error.empty()) return usage_error(error);
    }
    if (!s.tls) {
        if (!s.ca_out.empty()) return usage_error("--ca-out needs --tls");
        if (!s.tls_names.empty()) return usage_error("--tls-name needs --tls");
        if (!s.ca_cert.empty() || !s.ca_key.empty())
            return usage_error("--ca-cert and --ca-key need --tls");
    }
    if (s.ca_cert.empty() != s.ca_key.empty())
        return usage_error("--ca-cert and --ca-key go together: give both files of one CA");
    if (!s.ca_cert.empty() && s.ca_cert == s.ca_key)
        return usage_error("--ca-cert and --ca-key must be two different files");

    mp_sandbox_options *raw_options = nullptr;
    must(mp_sandbox_options_new(&raw_options));
    std::unique_ptr<mp_sandbox_options, void (*)(mp_sandbox_options *)> owned_options(
        raw_options, mp_sandbox_options_free);
    mp_sandbox_options *options = owned_options.get();
    if (s.host) must(mp_sandbox_options_set_host(options, s.host->c_str()));
    if (s.port) must(mp_sandbox_options_set_port(options, *s.port));
    must(mp_sandbox_options_set_tls(options, s.tls ? 1 : 0));
    for (const std::string &name : s.tls_names)
        must(mp_sandbox_options_add_tls_name(options, name.c_str()));
    if (!s.ca_cert.empty())
        must(mp_sandbox_options_set_ca_files(options, s.ca_cert.c_str(), s.ca_key.c_str()));
    if (s.webhook_secret)
        must(mp_sandbox_options_set_webhook_secret(options, s.webhook_secret->c_str()));
    if (s.keep_alive && mp_sandbox_options_set_keep_alive(options, *s.keep_alive) != MP_SANDBOX_OK)
        return usage_error(mp_sandbox_last_error());
    if (s.threads && mp_sandbox_options_set_threads(options, *s.threads) != MP_SANDBOX_OK)
        return usage_error(mp_sandbox_last_error());
    if (s.site && mp_sandbox_options_set_site(options, s.site->c_str()) != MP_SANDBOX_OK)
        return usage_error(mp_sandbox_last_error());

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
    if (!s.ca_out.empty() && mp_sandbox_write_ca(sandbox, s.ca_out.c_str()) != MP_SANDBOX_OK) {
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
