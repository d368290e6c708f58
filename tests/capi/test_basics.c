/* The ABI's local behaviour: version, statuses, the operations table,
 * configuration checks and inputs refused before any request is sent. */
#include "fixture.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void version(void) {
    CHECK_STR(mp_version(), MP_VERSION_STRING);
    CHECK(mp_version_number() == MP_VERSION_NUMBER);
    CHECK(MP_VERSION_NUMBER ==
          ((MP_VERSION_MAJOR << 16) | (MP_VERSION_MINOR << 8) | MP_VERSION_PATCH));
}

static void status_names(void) {
    int s;
    CHECK_STR(mp_status_name(MP_OK), "ok");
    CHECK_STR(mp_status_name(MP_ERR_NOT_FOUND), "not_found");
    CHECK_STR(mp_status_name(MP_ERR_RATE_LIMITED), "rate_limited");
    CHECK_STR(mp_status_name((mp_status)-999), "unknown");
    /* Every status down to MP_STATUS_MIN has a distinct, known name. */
    for (s = 0; s >= MP_STATUS_MIN; s--) {
        int t;
        CHECK(strcmp(mp_status_name((mp_status)s), "unknown") != 0);
        for (t = s - 1; t >= MP_STATUS_MIN; t--)
            CHECK(strcmp(mp_status_name((mp_status)s), mp_status_name((mp_status)t)) != 0);
    }
}

static int find_op(const char *name) {
    size_t i;
    for (i = 0; i < mp_operation_count(); i++)
        if (strcmp(mp_operation_name(i), name) == 0) return (int)i;
    return -1;
}

static void operations_table(void) {
    static const char *required[] = {"card_tokens.create",
                                     "card_tokens.get",
                                     "payments.create",
                                     "payments.get",
                                     "payments.search",
                                     "payments.update",
                                     "payments.capture",
                                     "payments.cancel",
                                     "refunds.create",
                                     "refunds.list",
                                     "refunds.get",
                                     "customers.create",
                                     "customers.get",
                                     "customers.update",
                                     "customers.delete",
                                     "customers.search",
                                     "cards.create",
                                     "cards.list",
                                     "cards.get",
                                     "cards.update",
                                     "cards.delete",
                                     "payment_methods.list",
                                     "identification_types.list",
                                     NULL};
    const char **name;
    int i;
    for (name = required; *name; name++)
        CHECK(find_op(*name) >= 0);
    i = find_op("refunds.get");
    REQUIRE(i >= 0);
    CHECK_STR(mp_operation_method((size_t)i), "GET");
    CHECK_STR(mp_operation_path((size_t)i), "/v1/payments/{payment_id}/refunds/{id}");
    CHECK(mp_operation_has_body((size_t)i) == 0);
    i = find_op("payments.search");
    CHECK_STR(mp_operation_paging((size_t)i), "results");
    i = find_op("cards.list");
    CHECK_STR(mp_operation_paging((size_t)i), "array");
    i = find_op("payments.create");
    CHECK_STR(mp_operation_method((size_t)i), "POST");
    CHECK(mp_operation_has_body((size_t)i) == 1);
    CHECK(mp_operation_name(mp_operation_count()) == NULL);
    CHECK(mp_operation_path((size_t)-1) == NULL);
}

static mp_status client_for(const char *url, const char *token, mp_client **out) {
    mp_config *cfg = NULL;
    mp_status st;
    REQUIRE(mp_config_new(&cfg) == MP_OK);
    if (token) REQUIRE(mp_config_set_access_token(cfg, token) == MP_OK);
    if (url) REQUIRE(mp_config_set_base_url(cfg, url) == MP_OK);
    st = mp_client_new(cfg, out);
    mp_config_free(cfg);
    return st;
}

static void config_rules(void) {
    mp_client *c = NULL;
    mp_config *cfg = NULL;
    /* Plain HTTP to a non-loopback host would send the token in clear. */
    CHECK(client_for("http://api.mercadopago.com", TEST_TOKEN, &c) == MP_ERR_INVALID_ARGUMENT);
    CHECK(c == NULL);
    CHECK(strstr(mp_error_message(mp_error_last()), "loopback") != NULL);
    CHECK(client_for("ftp://example.com", TEST_TOKEN, &c) == MP_ERR_INVALID_ARGUMENT);
    CHECK(client_for("https://user:pw@example.com", TEST_TOKEN, &c) == MP_ERR_INVALID_ARGUMENT);
    CHECK(client_for("http://127.0.0.1:9", TEST_TOKEN, &c) == MP_OK);
    mp_client_free(c);
    c = NULL;
    CHECK(client_for("https://api.mercadopago.com/", NULL, &c) == MP_OK);
    mp_client_free(c);
    c = NULL;
    REQUIRE(mp_config_new(&cfg) == MP_OK);
    CHECK(mp_config_set_access_token(cfg, "TEST-with space") == MP_ERR_INVALID_ARGUMENT);
    /* The message never repeats the token it refused. */
    CHECK(strstr(mp_error_message(mp_error_last()), "with space") == NULL);
    CHECK(mp_config_set_access_token(cfg, "TEST-line\r\nX-Evil: 1") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_timeout_ms(cfg, 0) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_timeout_ms(cfg, 1500) == MP_OK);
    CHECK(mp_config_set_base_url(NULL, "https://x") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_new(NULL) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_client_new(NULL, &c) == MP_ERR_INVALID_ARGUMENT);
    mp_config_free(cfg);
    mp_config_free(NULL); /* NULL is a no-op */
    mp_client_free(NULL);
    mp_response_free(NULL);
    mp_request_free(NULL);
}

static void no_request_for_bad_input(void) {
    mp_client *c = fixture_client();
    mp_response *res = NULL;
    mp_request *req = NULL;
    long before = fixture_requests();
    const char *bad = "{\"transaction_amount\": 10,";

    CHECK(call(c, "payments.create", bad, NULL, NULL, NULL, NULL, &res) == MP_ERR_JSON);
    CHECK(res == NULL);
    CHECK(mp_error_status(mp_error_last()) == MP_ERR_JSON);
    CHECK(mp_error_attempts(mp_error_last()) == 0);
    CHECK(call(c, "payments.create", "[1,2]", NULL, NULL, NULL, NULL, &res) == MP_ERR_JSON);
    CHECK(call(c, "payments.create", "{\"a\":\"\xff\"}", NULL, NULL, NULL, NULL, &res) ==
          MP_ERR_JSON);
    CHECK(call(c, "payments.get", NULL, NULL, NULL, NULL, NULL, &res) == MP_ERR_INVALID_ARGUMENT);
    CHECK(strstr(mp_error_message(mp_error_last()), "'id'") != NULL);
    CHECK(call(c, "payments.get", NULL, "id", "1", "nope", "2", &res) == MP_ERR_INVALID_ARGUMENT);
    CHECK(call(c, "payments.get", "{}", "id", "1", NULL, NULL, &res) == MP_ERR_INVALID_ARGUMENT);
    CHECK(call(c, "payments.teleport", NULL, NULL, NULL, NULL, NULL, &res) ==
          MP_ERR_INVALID_ARGUMENT);
    CHECK(strstr(mp_error_message(mp_error_last()), "payments.teleport") != NULL);
    CHECK(mp_client_call(c, "payments.get", NULL, NULL) == MP_ERR_INVALID_ARGUMENT);

    REQUIRE(mp_request_new(&req) == MP_OK);
    CHECK(mp_request_add_header(req, "Authorization", "Bearer x") == MP_OK);
    CHECK(mp_client_call(c, "payment_methods.list", req, &res) == MP_ERR_INVALID_ARGUMENT);
    mp_request_reset(req);
    CHECK(mp_request_add_header(req, "X-Meli-Session-Id", "a\r\nInjected: 1") == MP_OK);
    CHECK(mp_client_call(c, "payment_methods.list", req, &res) == MP_ERR_INVALID_ARGUMENT);
    mp_request_reset(req);
    CHECK(mp_request_set_idempotency_key(req, "") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_request_set_timeout_ms(req, -5) == MP_ERR_INVALID_ARGUMENT);
    mp_request_free(req);

    /* None of the above reached the server. */
    CHECK(fixture_requests() == before);
    mp_client_free(c);
}

static void response_reads(void) {
    mp_client *c = fixture_client();
    mp_response *res = NULL;
    const char *s = NULL;
    size_t len = 0, n = 0;
    int64_t i64 = 0;
    int b = -1;
    char token[64];

    REQUIRE(make_card_token(c, CARD_MASTER, "123", "APRO", token) == MP_OK);
    REQUIRE(call(c, "card_tokens.get", NULL, "id", token, NULL, NULL, &res) == MP_OK);
    CHECK(mp_response_http_status(res) == 200);
    CHECK(mp_response_get_string(res, "/id", &s, &len) == MP_OK);
    CHECK(len == strlen(token) && strncmp(s, token, len) == 0 && s[len] == '\0');
    CHECK(mp_response_get_string(res, "/last_four_digits", &s, &len) == MP_OK &&
          strcmp(s, "0604") == 0);
    CHECK(mp_response_get_int64(res, "/expiration_year", &i64) == MP_OK && i64 == 2030);
    CHECK(mp_response_get_bool(res, "/luhn_validation", &b) == MP_OK && b == 1);
    CHECK(mp_response_get_length(res, "/cardholder", &n) == MP_OK && n >= 1);
    CHECK(mp_response_exists(res, "/cardholder/name") == 1);
    CHECK(mp_response_exists(res, "/nothing/here") == 0);
    /* A read of the wrong type or of nothing is not an error of the call. */
    mp_error_clear();
    CHECK(mp_response_get_int64(res, "/id", &i64) == MP_ERR_NOT_PRESENT);
    CHECK(mp_response_get_string(res, "/missing", &s, &len) == MP_ERR_NOT_PRESENT);
    CHECK(mp_error_last() == NULL);
    CHECK(mp_response_get_string(res, "/id", NULL, &len) == MP_ERR_INVALID_ARGUMENT);
    /* The card number and security code are never echoed. */
    CHECK(strstr(mp_response_body(res, &len), CARD_MASTER) == NULL);
    CHECK(mp_response_header(res, "content-type") != NULL);
    CHECK(mp_response_header(res, "X-No-Such-Header") == NULL);
    {
        /* Every header, in order, as "Name: value"; one of them the request id. */
        size_t i, found = 0;
        const char *line;
        for (i = 0; (line = mp_response_header_at(res, i)) != NULL; ++i) {
            CHECK(strchr(line, ':') != NULL);
            if (strncasecmp(line, "x-request-id:", 13) == 0) {
                ++found;
                CHECK(strstr(line, mp_response_request_id(res)) != NULL);
            }
        }
        CHECK(i >= 3 && found == 1);
        CHECK(mp_response_header_at(res, i) == NULL);
        CHECK(mp_response_header_at(NULL, 0) == NULL);
    }
    CHECK(strlen(mp_response_request_id(res)) == 36);
    CHECK_STR(mp_response_idempotency_key(res), ""); /* reads carry no key */
    CHECK(mp_response_error(res) == NULL);
    mp_response_free(res);
    mp_client_free(c);
}

static const struct test_case cases[] = {
    {"version", version},
    {"status_names", status_names},
    {"operations_table", operations_table},
    {"config_rules", config_rules},
    {"no_request_for_bad_input", no_request_for_bad_input},
    {"response_reads", response_reads},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, NULL);
}
