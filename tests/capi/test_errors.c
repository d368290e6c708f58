/* API errors mapped to statuses with their detail, idempotency replay and
 * conflict, per-call tokens, and TLS verification. */
#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>

static mp_client *client;

static const char *payment_body(char *out, const char *token, double amount) {
    sprintf(out,
            "{\"transaction_amount\":%.2f,\"token\":\"%s\",\"installments\":1,"
            "\"payment_method_id\":\"visa\",\"payer\":{\"email\":\"test_payer_9@testuser.com\"}}",
            amount, token);
    return out;
}

static void unauthorized(void) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    const mp_error *e;
    const char *bad = "APP_USR-?"; /* not of the accepted shape */
    REQUIRE(mp_request_new(&req) == MP_OK);
    REQUIRE(mp_request_set_access_token(req, bad) == MP_OK);
    mp_request_set_path_param(req, "id", "1");
    CHECK(mp_client_call(client, "payments.get", req, &res) == MP_ERR_AUTH);
    REQUIRE(res != NULL);
    CHECK(mp_response_http_status(res) == 401);
    e = mp_error_last();
    REQUIRE(e != NULL);
    CHECK(mp_error_status(e) == MP_ERR_AUTH);
    CHECK(mp_error_http_status(e) == 401);
    CHECK_STR(mp_error_api_error(e), "unauthorized");
    CHECK(strlen(mp_error_request_id(e)) == 36);
    CHECK_STR(mp_error_request_id(e), mp_response_request_id(res));
    CHECK(mp_error_retryable(e) == 0);
    CHECK(strstr(mp_error_message(e), bad) == NULL);
    /* The response carries the same detail. */
    REQUIRE(mp_response_error(res) != NULL);
    CHECK(mp_error_http_status(mp_response_error(res)) == 401);
    mp_response_free(res);
    mp_request_free(req);
}

static void not_found(void) {
    mp_response *res = NULL;
    const mp_error *e;
    size_t len = 0;
    CHECK(call(client, "payments.get", NULL, "id", "424242424242", NULL, NULL, &res) ==
          MP_ERR_NOT_FOUND);
    REQUIRE(res != NULL);
    e = mp_error_last();
    CHECK(mp_error_http_status(e) == 404);
    CHECK_STR(mp_error_api_error(e), "not_found");
    CHECK(strstr(mp_error_causes(e, &len), "2000") != NULL);
    CHECK(len > 2 && mp_error_causes(e, NULL)[0] == '[');
    CHECK(strstr(mp_error_message(e), "request id") != NULL);
    CHECK(strlen(mp_error_request_id(e)) == 36);
    CHECK_STR(mp_response_header(res, "x-request-id"), mp_error_request_id(e));
    mp_response_free(res);
    /* Path parameters are encoded: this is an id, not a path. */
    CHECK(call(client, "payments.get", NULL, "id", "../customers/x", NULL, NULL, &res) ==
          MP_ERR_NOT_FOUND);
    mp_response_free(res);
}

static void idempotency_replay_and_conflict(void) {
    mp_request *req = NULL;
    mp_response *first = NULL, *again = NULL, *other = NULL;
    char token[64], body[512], key[40];
    long long id;
    REQUIRE(make_card_token(client, CARD_VISA, "123", "APRO", token) == MP_OK);
    payment_body(body, token, 42);
    sprintf(key, "order-%ld-attempt", fixture_requests());
    REQUIRE(mp_request_new(&req) == MP_OK);
    mp_request_set_body(req, body, strlen(body));
    mp_request_set_idempotency_key(req, key);
    REQUIRE(mp_client_call(client, "payments.create", req, &first) == MP_OK);
    CHECK(mp_response_http_status(first) == 201);
    CHECK_STR(mp_response_idempotency_key(first), key);
    id = int_at(first, "/id");
    /* The same key and body: the same payment, answered with 200. */
    REQUIRE(mp_client_call(client, "payments.create", req, &again) == MP_OK);
    CHECK(mp_response_http_status(again) == 200);
    CHECK(int_at(again, "/id") == id);
    /* The same key with another body: a conflict, nothing created. */
    payment_body(body, token, 43);
    mp_request_set_body(req, body, strlen(body));
    CHECK(mp_client_call(client, "payments.create", req, &other) == MP_ERR_CONFLICT);
    CHECK(mp_error_http_status(mp_error_last()) == 409);
    CHECK_STR(mp_error_idempotency_key(mp_error_last()), key);
    mp_response_free(first);
    mp_response_free(again);
    mp_response_free(other);
    mp_request_free(req);
}

static void fresh_keys_per_write(void) {
    mp_response *a = NULL, *b = NULL;
    CHECK(call(client, "customers.create", "{\"email\":\"k1@example.com\"}", NULL, NULL, NULL, NULL,
               &a) == MP_OK);
    CHECK(call(client, "customers.create", "{\"email\":\"k2@example.com\"}", NULL, NULL, NULL, NULL,
               &b) == MP_OK);
    CHECK(strlen(mp_response_idempotency_key(a)) == 36);
    CHECK(strcmp(mp_response_idempotency_key(a), mp_response_idempotency_key(b)) != 0);
    mp_response_free(a);
    mp_response_free(b);
}

static void per_call_token(void) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    char cid[96];
    /* A customer of another seller (a marketplace call with its token). */
    REQUIRE(mp_request_new(&req) == MP_OK);
    mp_request_set_access_token(req, OTHER_TOKEN);
    {
        const char *b = "{\"email\":\"tenant@example.com\"}";
        mp_request_set_body(req, b, strlen(b));
    }
    REQUIRE(mp_client_call(client, "customers.create", req, &res) == MP_OK);
    str_at(res, "/id", cid, sizeof cid);
    mp_response_free(res);
    /* The client's own token does not see it; the tenant's does. */
    CHECK(call(client, "customers.get", NULL, "id", cid, NULL, NULL, &res) == MP_ERR_NOT_FOUND);
    mp_response_free(res);
    mp_request_reset(req);
    mp_request_set_access_token(req, OTHER_TOKEN);
    mp_request_set_path_param(req, "id", cid);
    CHECK(mp_client_call(client, "customers.get", req, &res) == MP_OK);
    mp_response_free(res);
    mp_request_free(req);
}

static mp_client *client_with_ca(const char *pem) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TEST_TOKEN);
    mp_config_set_base_url(cfg, mp_sandbox_url(fixture_sandbox()));
    mp_config_set_timeout_ms(cfg, 5000);
    if (pem) mp_config_set_ca_pem(cfg, pem, strlen(pem));
    if (mp_client_new(cfg, &c) != MP_OK) c = NULL;
    mp_config_free(cfg);
    return c;
}

static void tls_verification(void) {
    mp_sandbox *other = NULL;
    mp_sandbox_options *tls = NULL;
    mp_client *c;
    mp_response *res = NULL;
    /* The system's CAs do not know the sandbox's CA. */
    c = client_with_ca(NULL);
    REQUIRE(c != NULL);
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_TLS);
    CHECK(res == NULL);
    CHECK(mp_error_http_status(mp_error_last()) == 0);
    CHECK(mp_error_retryable(mp_error_last()) == 0);
    mp_client_free(c);
    /* Nor does another sandbox's CA. */
    REQUIRE(mp_sandbox_options_new(&tls) == MP_SANDBOX_OK);
    REQUIRE(mp_sandbox_options_set_tls(tls, 1) == MP_SANDBOX_OK);
    REQUIRE(mp_sandbox_start(tls, &other) == MP_SANDBOX_OK);
    mp_sandbox_options_free(tls);
    c = client_with_ca(mp_sandbox_ca_pem(other));
    REQUIRE(c != NULL);
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_TLS);
    mp_client_free(c);
    mp_sandbox_stop(other);
    /* With the right CA it works. */
    c = client_with_ca(mp_sandbox_ca_pem(fixture_sandbox()));
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    mp_client_free(c);
}

static void connection_refused(void) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_response *res = NULL;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TEST_TOKEN);
    mp_config_set_base_url(cfg, "http://127.0.0.1:1"); /* nothing listens on port 1 */
    REQUIRE(mp_client_new(cfg, &c) == MP_OK);
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_NETWORK);
    CHECK(res == NULL);
    CHECK(mp_error_retryable(mp_error_last()) == 1);
    CHECK(strstr(mp_error_message(mp_error_last()), TEST_TOKEN) == NULL);
    mp_client_free(c);
    mp_config_free(cfg);
}

static const struct test_case cases[] = {
    {"unauthorized", unauthorized},
    {"not_found", not_found},
    {"idempotency_replay_and_conflict", idempotency_replay_and_conflict},
    {"fresh_keys_per_write", fresh_keys_per_write},
    {"per_call_token", per_call_token},
    {"tls_verification", tls_verification},
    {"connection_refused", connection_refused},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, &client);
}
