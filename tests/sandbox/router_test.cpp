// The sandbox's router against the client's operations table, and the C API of mp_sandbox.h
// (options, faults, reset) against a running sandbox. Requests use literal paths, written here
// independently of the table, so that a wrong path in the table or in the router is caught.
// Plain C++ with no test framework, so that it also runs in the sandbox's standalone build.
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <httplib.h>
#include <unistd.h>

#include "mp_sandbox.h"
#include "operations.hpp"
#include "router.hpp"
#include "routes.hpp"
#include "state.hpp"
#include "webhooks.hpp"

namespace {

int failures = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);          \
            ++failures;                                                                            \
        }                                                                                          \
    } while (0)

using namespace mp::sandbox;

// The sandbox's API routes, as Sandbox registers them, without a server.
struct ApiRouter {
    State state;
    Webhooks webhooks{""};
    Accounts accounts;
    Env env{state, webhooks, accounts};
    Router router;
    ApiRouter() { add_api_routes(router, env); }
};

bool throws_logic_error(const std::function<void()> &f) {
    try {
        f();
    } catch (const std::logic_error &) {
        return true;
    }
    return false;
}

// Every operation of the table has a handler: read from the router's own routes.
void every_operation_has_a_handler() {
    ApiRouter api;
    auto missing = api.router.unhandled_operations();
    for (auto name : missing)
        std::fprintf(stderr, "  no handler for %.*s\n", static_cast<int>(name.size()), name.data());
    CHECK(missing.empty());
    CHECK(table_operations().size() >= 85);
    for (const TableOperation &op : table_operations()) {
        const Route *route = api.router.route_for(op.name);
        if (!route) continue;
        CHECK(route->method == op.method);
        CHECK(route->pattern == op.path);
    }
    // And nothing else but the table's operations.
    for (const Route &route : api.router.routes())
        CHECK(!route.operations.empty());
}

void registering_a_name_outside_the_table_fails() {
    Router router;
    Handler nothing = [](Context &) { return Reply{}; };
    CHECK(throws_logic_error([&] { router.handle("payments.teleport", kNoFlags, nothing); }));
    CHECK(throws_logic_error([&] { router.handle({"payments.get", "nope"}, kNoFlags, nothing); }));
    router.handle("payments.get", kNoFlags, nothing);
    // The same operation twice, or an operation sharing its method and path with a served one.
    CHECK(throws_logic_error([&] { router.handle("payments.get", kNoFlags, nothing); }));
    router.handle("payments.update", kNoFlags, nothing);
    CHECK(throws_logic_error([&] { router.handle("payments.capture", kNoFlags, nothing); }));
    // Names that differ in method or path cannot share a handler.
    CHECK(throws_logic_error([&] {
        router.handle({"customers.get", "customers.create"}, kNoFlags, nothing);
    }));
    CHECK(throws_logic_error([&] { router.add("GET", "/v1/payments/{x}", kNoFlags, nothing); }));
    CHECK(throws_logic_error([&] { router.add("GET", "/v1/{bad", kNoFlags, nothing); }));
    CHECK(router.unhandled_operations().size() == table_operations().size() - 2);
}

bool serves(const Match &m, const char *operation) {
    if (!m.route) return false;
    for (const auto &name : m.route->operations)
        if (name == operation) return true;
    return false;
}

std::string param(const Match &m, const char *name) {
    for (const auto &[key, value] : m.params)
        if (key == name) return value;
    return "<absent>";
}

void matching() {
    ApiRouter api;
    const Router &r = api.router;
    CHECK(serves(r.match("GET", "/v1/payments/search"), "payments.search"));
    Match get = r.match("GET", "/v1/payments/123");
    CHECK(serves(get, "payments.get"));
    CHECK(param(get, "id") == "123");
    // One trailing slash is the same path, as on the real API.
    Match slash = r.match("GET", "/v1/payments/123/");
    CHECK(serves(slash, "payments.get"));
    CHECK(param(slash, "id") == "123");
    CHECK(serves(r.match("POST", "/v1/payments/"), "payments.create"));
    CHECK(serves(r.match("GET", "/v1/payments/search/"), "payments.search"));
    // Other empty segments are not.
    CHECK(!r.match("GET", "/v1/payments/123//").route);
    CHECK(!r.match("GET", "/v1/payments//").route);
    CHECK(!r.match("GET", "/v1//payments/123").route);
    // Parameters by their table names.
    Match refund = r.match("GET", "/v1/payments/77/refunds/9");
    CHECK(serves(refund, "refunds.get"));
    CHECK(param(refund, "payment_id") == "77");
    CHECK(param(refund, "id") == "9");
    Match qr = r.match("PUT", "/instore/qr/seller/collectors/5/pos/POS1/orders");
    CHECK(serves(qr, "qr_orders.create"));
    CHECK(param(qr, "user_id") == "5");
    CHECK(param(qr, "external_pos_id") == "POS1");
    Match disb = r.match("POST", "/v1/advanced_payments/1/disbursements/2/refunds");
    CHECK(serves(disb, "disbursement_refunds.create"));
    CHECK(param(disb, "advanced_payment_id") == "1");
    CHECK(param(disb, "disbursement_id") == "2");
    // A literal segment wins over a parameter, whatever the registration order.
    CHECK(serves(r.match("GET", "/point/integration-api/payment-intents/events"),
                 "point.list_intent_events"));
    CHECK(serves(r.match("GET", "/point/integration-api/payment-intents/abc"),
                 "point.get_payment_intent"));
    CHECK(serves(r.match("GET", "/users/me"), "users.get"));
    // Operations sharing a method and path share one route.
    Match put = r.match("PUT", "/v1/payments/5");
    CHECK(serves(put, "payments.update") && serves(put, "payments.capture") &&
          serves(put, "payments.cancel"));
    // A known path with another method, and an unknown path.
    Match wrong = r.match("DELETE", "/v1/payments/5");
    CHECK(!wrong.route && wrong.path_known);
    Match unknown = r.match("GET", "/v1/teleports");
    CHECK(!unknown.route && !unknown.path_known);
}

// --- The C API against a running sandbox -------------------------------------------------------

constexpr const char *kToken = "Bearer TEST-sandbox-token-1234567";

struct Running {
    mp_sandbox *sb = nullptr;
    explicit Running(const mp_sandbox_options *options) {
        if (mp_sandbox_start(options, &sb) != MP_SANDBOX_OK) {
            std::fprintf(stderr, "cannot start: %s\n", mp_sandbox_last_error());
            std::exit(2);
        }
    }
    ~Running() { mp_sandbox_stop(sb); }
    httplib::Client client() const {
        httplib::Client c(mp_sandbox_url(sb));
        c.set_default_headers({{"Authorization", kToken}});
        c.set_read_timeout(10, 0);
        return c;
    }
};

void options_and_statuses() {
    mp_sandbox_options *o = nullptr;
    CHECK(mp_sandbox_options_new(&o) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_options_set_port(o, 70000) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(std::strstr(mp_sandbox_last_error(), "port") != nullptr);
    CHECK(mp_sandbox_options_set_port(o, -1) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_host(o, "") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_host(nullptr, "x") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_host(o, "203.0.113.1") == MP_SANDBOX_OK);
    mp_sandbox *sb = nullptr;
    CHECK(mp_sandbox_start(o, &sb) == MP_SANDBOX_ERR_START); // not a local address
    CHECK(sb == nullptr);
    CHECK(mp_sandbox_start(o, nullptr) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    mp_sandbox_options_free(o);
    mp_sandbox_options_free(nullptr);
    CHECK(std::strcmp(mp_sandbox_status_name(MP_SANDBOX_OK), "ok") == 0);
    CHECK(std::strcmp(mp_sandbox_status_name(MP_SANDBOX_ERR_START), "start") == 0);
    CHECK(std::strcmp(mp_sandbox_status_name(static_cast<mp_sandbox_status>(-99)), "unknown") == 0);
    CHECK(mp_sandbox_url(nullptr) == nullptr);
    CHECK(mp_sandbox_port(nullptr) == 0);
    CHECK(mp_sandbox_reset(nullptr) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
}

void default_is_plain_http() {
    Running s(nullptr);
    CHECK(std::strncmp(mp_sandbox_url(s.sb), "http://127.0.0.1:", 17) == 0);
    CHECK(mp_sandbox_ca_pem(s.sb) == nullptr);
    CHECK(mp_sandbox_write_ca(s.sb, "/dev/null") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    auto c = s.client();
    auto res = c.Get("/v1/payment_methods/");
    CHECK(res && res->status == 200);
    // An unknown payment through the trailing-slash path: the handler's 404, not the router's.
    res = c.Get("/v1/payments/123/");
    CHECK(res && res->status == 404 && res->body.find("Payment not found") != std::string::npos);
}

mp_sandbox_fault *fault(mp_sandbox_fault_kind kind, const char *method, const char *path) {
    mp_sandbox_fault *f = nullptr;
    if (mp_sandbox_fault_new(kind, &f) != MP_SANDBOX_OK ||
        mp_sandbox_fault_set_method(f, method) != MP_SANDBOX_OK ||
        mp_sandbox_fault_set_path(f, path) != MP_SANDBOX_OK) {
        std::fprintf(stderr, "cannot make a fault: %s\n", mp_sandbox_last_error());
        std::exit(2);
    }
    return f;
}

void faults_from_c() {
    Running s(nullptr);
    auto c = s.client();
    // 503 twice, then 429 with Retry-After, then served.
    mp_sandbox_fault *f = fault(MP_SANDBOX_FAULT_STATUS, "get", "/v1/payment_methods");
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_ERR_INVALID_ARGUMENT); // no status yet
    CHECK(mp_sandbox_fault_set_status(f, 600) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_fault_set_status(f, 503) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_fault_set_count(f, 0) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_fault_set_count(f, 2) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_fault_set_delay_ms(f, 10) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_ERR_INVALID_ARGUMENT); // delay on a status
    mp_sandbox_fault_free(f);
    f = fault(MP_SANDBOX_FAULT_STATUS, "GET", "/v1/payment_methods");
    mp_sandbox_fault_set_status(f, 503);
    mp_sandbox_fault_set_count(f, 2);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_OK);
    mp_sandbox_fault_set_status(f, 429);
    mp_sandbox_fault_set_retry_after(f, 7);
    mp_sandbox_fault_set_count(f, 1);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_OK);
    mp_sandbox_fault_free(f);
    // Over HTTP the armed faults read in their text form.
    auto listed = c.Get("/__sandbox/faults");
    CHECK(listed && listed->status == 200);
    CHECK(listed && listed->body.find("\"503\"") != std::string::npos);
    CHECK(listed && listed->body.find("\"429:7\"") != std::string::npos);
    auto other = c.Get("/v1/identification_types"); // another path: not faulted
    CHECK(other && other->status == 200);
    auto r1 = c.Get("/v1/payment_methods");
    auto r2 = c.Get("/v1/payment_methods");
    auto r3 = c.Get("/v1/payment_methods");
    auto r4 = c.Get("/v1/payment_methods");
    CHECK(r1 && r1->status == 503 && r2 && r2->status == 503);
    CHECK(r3 && r3->status == 429 && r3->get_header_value("Retry-After") == "7");
    CHECK(r4 && r4->status == 200);
    // A connection reset, then clearing what is left.
    f = fault(MP_SANDBOX_FAULT_RESET_BEFORE, nullptr, nullptr);
    CHECK(mp_sandbox_fault_set_status(f, 500) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_ERR_INVALID_ARGUMENT); // status on a reset
    mp_sandbox_fault_free(f);
    f = fault(MP_SANDBOX_FAULT_RESET_BEFORE, nullptr, "/v1/identification_types");
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_OK);
    mp_sandbox_fault_free(f);
    auto dropped = c.Get("/v1/identification_types");
    CHECK(!dropped);
    CHECK(mp_sandbox_faults_clear(s.sb) == MP_SANDBOX_OK);
    auto served = c.Get("/v1/identification_types");
    CHECK(served && served->status == 200);
    CHECK(mp_sandbox_fault_set_path(nullptr, "/") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    mp_sandbox_fault *g = fault(MP_SANDBOX_FAULT_DELAY, nullptr, nullptr);
    CHECK(mp_sandbox_fault_set_path(g, "no-slash") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_fault_set_method(g, "PO ST") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_fault_arm(s.sb, g) == MP_SANDBOX_ERR_INVALID_ARGUMENT); // no delay yet
    mp_sandbox_fault_free(g);
    CHECK(mp_sandbox_fault_new(static_cast<mp_sandbox_fault_kind>(42), &g) ==
          MP_SANDBOX_ERR_INVALID_ARGUMENT);
}

std::string customer_id(const std::string &body) {
    auto at = body.find("\"id\":\"");
    if (at == std::string::npos) return "";
    at += 6;
    return body.substr(at, body.find('"', at) - at);
}

void reset_forgets_everything() {
    Running s(nullptr);
    auto c = s.client();
    httplib::Headers key = {{"X-Idempotency-Key", "reset-key-1"}};
    const char *body = R"({"email":"reset_test@testuser.com"})";
    auto made = c.Post("/v1/customers", key, body, "application/json");
    CHECK(made && made->status == 201);
    std::string id = made ? customer_id(made->body) : "";
    CHECK(!id.empty());
    mp_sandbox_fault *f = fault(MP_SANDBOX_FAULT_STATUS, nullptr, "/v1/customers");
    mp_sandbox_fault_set_status(f, 500);
    CHECK(mp_sandbox_fault_arm(s.sb, f) == MP_SANDBOX_OK);
    mp_sandbox_fault_free(f);
    long before = mp_sandbox_request_count(s.sb);

    CHECK(mp_sandbox_reset(s.sb) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_request_count(s.sb) == before);
    auto gone = c.Get("/v1/customers/" + id); // no fault left: the customer's own 404
    CHECK(gone && gone->status == 404);
    // The idempotency key is forgotten too: the same request makes a new customer.
    auto again = c.Post("/v1/customers", key, body, "application/json");
    CHECK(again && again->status == 201 && customer_id(again->body) != id);

    // The same over HTTP, for the mp-sandbox program's users.
    auto reset = c.Delete("/__sandbox/state");
    CHECK(reset && reset->status == 200);
    auto gone2 = c.Get("/v1/customers/" + (again ? customer_id(again->body) : std::string()));
    CHECK(gone2 && gone2->status == 404);
}

void tls_on_request() {
    mp_sandbox_options *o = nullptr;
    mp_sandbox_options_new(&o);
    CHECK(mp_sandbox_options_set_tls(o, 1) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_options_set_webhook_secret(o, "whsec-test") == MP_SANDBOX_OK);
    Running s(o);
    mp_sandbox_options_free(o); // the sandbox keeps its own copy
    CHECK(std::strncmp(mp_sandbox_url(s.sb), "https://", 8) == 0);
    CHECK(mp_sandbox_ca_pem(s.sb) != nullptr);
}

std::string read_file(const std::string &path) {
    std::string text;
    if (std::FILE *f = std::fopen(path.c_str(), "rb")) {
        char buffer[4096];
        size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
            text.append(buffer, n);
        std::fclose(f);
    }
    return text;
}

// The options of issue 12 from C: names for the certificate, a CA kept in files, the version.
void tls_names_ca_files_and_version() {
    const char *version = mp_sandbox_version();
    CHECK(version != nullptr && std::strlen(version) >= 5 && std::strchr(version, '.') != nullptr);

    mp_sandbox_options *o = nullptr;
    mp_sandbox_options_new(&o);
    for (const char *good : {"mp-sandbox", "api.mercadopago.com", "10.0.0.1", "::1", "web_1"})
        CHECK(mp_sandbox_options_add_tls_name(o, good) == MP_SANDBOX_OK);
    for (const char *bad : {"", "two words", "a,DNS:evil", "-x", "x..y", "x.", "*.example.com"})
        CHECK(mp_sandbox_options_add_tls_name(o, bad) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_add_tls_name(o, nullptr) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_add_tls_name(nullptr, "x") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_ca_files(o, "/tmp/a.pem", nullptr) ==
          MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_ca_files(o, "", "/tmp/a.key") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_ca_files(o, "/tmp/a", "/tmp/a") ==
          MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_ca_files(o, nullptr, nullptr) == MP_SANDBOX_OK);
    mp_sandbox *sb = nullptr;
    CHECK(mp_sandbox_start(o, &sb) == MP_SANDBOX_ERR_INVALID_ARGUMENT); // names without TLS
    CHECK(std::strstr(mp_sandbox_last_error(), "TLS") != nullptr);
    CHECK(sb == nullptr);

    char dir_template[] = "/tmp/mp-sandbox-ca-XXXXXX";
    const char *dir = mkdtemp(dir_template);
    CHECK(dir != nullptr);
    if (!dir) {
        mp_sandbox_options_free(o);
        return;
    }
    std::string cert = std::string(dir) + "/ca.pem", key = std::string(dir) + "/ca.key";
    CHECK(mp_sandbox_options_set_tls(o, 1) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_options_set_ca_files(o, cert.c_str(), key.c_str()) == MP_SANDBOX_OK);
    std::string first_ca;
    for (int round = 0; round < 2; ++round) {
        mp_sandbox *started = nullptr;
        CHECK(mp_sandbox_start(o, &started) == MP_SANDBOX_OK);
        if (!started) break;
        const char *pem = mp_sandbox_ca_pem(started);
        CHECK(pem != nullptr && read_file(cert) == pem); // the CA it signs with is the file's
        if (round == 0) first_ca = pem ? pem : "";
        CHECK(first_ca == (pem ? pem : "")); // and the same on the next start
        mp_sandbox_stop(started);
    }
    std::remove(key.c_str()); // the certificate alone: refused, naming the file
    CHECK(mp_sandbox_start(o, &sb) == MP_SANDBOX_ERR_START);
    CHECK(std::strstr(mp_sandbox_last_error(), "exists but") != nullptr);
    CHECK(std::strstr(mp_sandbox_last_error(), "ca.pem") != nullptr);
    std::remove(cert.c_str());
    rmdir(dir);
    mp_sandbox_options_free(o);
}

} // namespace

// The site option and credential renewal from C: the old pair is refused, the new one served.
void sites_and_credentials_from_c() {
    mp_sandbox_options *o = nullptr;
    CHECK(mp_sandbox_options_new(&o) == MP_SANDBOX_OK);
    CHECK(mp_sandbox_options_set_site(o, "XXX") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_site(nullptr, "MLA") == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_options_set_site(o, "MCO") == MP_SANDBOX_OK);
    Running s(o);
    mp_sandbox_options_free(o);
    auto c = s.client();
    auto types = c.Get("/v1/identification_types");
    CHECK(types && types->status == 200 && types->body.find("\"NIT\"") != std::string::npos);

    auto made = c.Post("/users/test_user", R"({"site_id":"MLA"})", "application/json");
    CHECK(made && made->status == 201);
    std::string id = made ? std::to_string(json::parse(made->body)["id"].get<long long>()) : "";
    char token[128], key[64], small[16];
    CHECK(mp_sandbox_renew_credentials(s.sb, id.c_str(), 0, token, sizeof token, small,
                                       sizeof small) == MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_renew_credentials(s.sb, "1", 0, token, sizeof token, key, sizeof key) ==
          MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_renew_credentials(s.sb, "12x", 0, token, sizeof token, key, sizeof key) ==
          MP_SANDBOX_ERR_INVALID_ARGUMENT);
    CHECK(mp_sandbox_renew_credentials(s.sb, id.c_str(), 0, token, sizeof token, key, sizeof key) ==
          MP_SANDBOX_OK);
    CHECK(std::strncmp(token, "TEST-", 5) == 0 && std::strncmp(key, "TEST-", 5) == 0);
    std::string first = token;
    auto me = c.Get("/users/me", {{"Authorization", "Bearer " + first}});
    CHECK(me && me->status == 200 && me->body.find("\"site_id\":\"MLA\"") != std::string::npos);
    CHECK(mp_sandbox_renew_credentials(s.sb, id.c_str(), 0, token, sizeof token, key, sizeof key) ==
          MP_SANDBOX_OK);
    auto old = c.Get("/users/me", {{"Authorization", "Bearer " + first}});
    CHECK(old && old->status == 401);
    auto fresh = c.Get("/users/me", {{"Authorization", std::string("Bearer ") + token}});
    CHECK(fresh && fresh->status == 200);
}

int main() {
    every_operation_has_a_handler();
    registering_a_name_outside_the_table_fails();
    matching();
    options_and_statuses();
    default_is_plain_http();
    faults_from_c();
    reset_forgets_everything();
    sites_and_credentials_from_c();
    tls_on_request();
    tls_names_ca_files_and_version();
    if (failures)
        std::fprintf(stderr, "%d check(s) failed\n", failures);
    else
        std::printf("all checks passed\n");
    return failures ? 1 : 0;
}
