/* The card checkout through the C ABI against the embedded sandbox over
 * HTTPS: every operation of the foundation table, every cardholder-name
 * outcome, and the capture / cancel / refund state rules. */
#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mp_client *client;

static void outcomes(void) {
    static const struct {
        const char *name, *status, *detail;
    } table[] = {
        {"APRO", "approved", "accredited"},
        {"OTHE", "rejected", "cc_rejected_other_reason"},
        {"CONT", "in_process", "pending_contingency"},
        {"CALL", "rejected", "cc_rejected_call_for_authorize"},
        {"FUND", "rejected", "cc_rejected_insufficient_amount"},
        {"SECU", "rejected", "cc_rejected_bad_filled_security_code"},
        {"EXPI", "rejected", "cc_rejected_bad_filled_date"},
        {"FORM", "rejected", "cc_rejected_bad_filled_other"},
        {"CARD", "rejected", "cc_rejected_bad_filled_card_number"},
        {"INST", "rejected", "cc_rejected_invalid_installments"},
        {"DUPL", "rejected", "cc_rejected_duplicated_payment"},
        {"LOCK", "rejected", "cc_rejected_card_disabled"},
        {"CTNA", "rejected", "cc_rejected_card_type_not_allowed"},
        {"ATTE", "rejected", "cc_rejected_max_attempts"},
        {"BLAC", "rejected", "cc_rejected_blacklist"},
        {"UNSU", "rejected", "cc_rejected_other_reason"},
        {"TEST", "approved", "accredited"},
        {"Longbob Longsen", "approved", "accredited"},
    };
    size_t i;
    char buf[128];
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        mp_response *res = NULL;
        mp_status st = pay(client, table[i].name, 100, 1, "outcomes", &res);
        /* A decline is a created payment (201), not an API error. */
        CHECK(st == MP_OK);
        if (st != MP_OK) {
            mp_response_free(res);
            continue;
        }
        CHECK(mp_response_http_status(res) == 201);
        if (strcmp(str_at(res, "/status", buf, sizeof buf), table[i].status) != 0 ||
            strcmp(str_at(res, "/status_detail", buf, sizeof buf), table[i].detail) != 0) {
            fprintf(stderr, "  %s gave %s\n", table[i].name, mp_response_body(res, NULL));
            CHECK(!"outcome as in the spec");
        }
        CHECK(int_at(res, "/id") > 0);
        mp_response_free(res);
    }
}

static void payment_resource(void) {
    mp_response *res = NULL, *got = NULL;
    char buf[128], id[32];
    int b = 0;
    REQUIRE(pay(client, "APRO", 150.5, 1, "order-1001", &res) == MP_OK);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "approved");
    CHECK(num_at(res, "/transaction_amount") == 150.5);
    CHECK(num_at(res, "/transaction_amount_refunded") == 0);
    CHECK(mp_response_get_bool(res, "/captured", &b) == MP_OK && b == 1);
    CHECK_STR(str_at(res, "/payment_method_id", buf, sizeof buf), "visa");
    CHECK_STR(str_at(res, "/external_reference", buf, sizeof buf), "order-1001");
    CHECK_STR(str_at(res, "/card/last_four_digits", buf, sizeof buf), "3704");
    CHECK_STR(str_at(res, "/card/first_six_digits", buf, sizeof buf), "450995");
    CHECK(strstr(mp_response_body(res, NULL), CARD_VISA) == NULL);
    /* Writes carry an idempotency key the caller can log: a UUIDv4. */
    CHECK(strlen(mp_response_idempotency_key(res)) == 36);
    CHECK(mp_response_idempotency_key(res)[14] == '4');
    sprintf(id, "%lld", int_at(res, "/id"));
    REQUIRE(call(client, "payments.get", NULL, "id", id, NULL, NULL, &got) == MP_OK);
    CHECK(mp_response_http_status(got) == 200);
    CHECK(int_at(got, "/id") == int_at(res, "/id"));
    CHECK_STR(str_at(got, "/status_detail", buf, sizeof buf), "accredited");
    mp_response_free(got);
    /* payments.update changes what may change. */
    REQUIRE(call(client, "payments.update", "{\"description\":\"updated\"}", "id", id, NULL, NULL,
                 &got) == MP_OK);
    CHECK_STR(str_at(got, "/description", buf, sizeof buf), "updated");
    mp_response_free(got);
    mp_response_free(res);
}

static void card_token_single_use(void) {
    char token[64], body[256];
    mp_response *res = NULL;
    REQUIRE(make_card_token(client, CARD_VISA, "123", "APRO", token) == MP_OK);
    sprintf(body,
            "{\"transaction_amount\":10,\"token\":\"%s\",\"installments\":1,"
            "\"payment_method_id\":\"visa\",\"payer\":{\"email\":\"a_b@example.com\"}}",
            token);
    REQUIRE(call(client, "payments.create", body, NULL, NULL, NULL, NULL, &res) == MP_OK);
    mp_response_free(res);
    /* A token pays once. */
    CHECK(call(client, "payments.create", body, NULL, NULL, NULL, NULL, &res) == MP_ERR_VALIDATION);
    CHECK(mp_response_http_status(res) == 400);
    mp_response_free(res);
    /* An unknown token: 400, cause 2006. */
    CHECK(
        call(client, "payments.create",
             "{\"transaction_amount\":10,\"token\":\"ffffffffffffffffffffffffffffffff\","
             "\"installments\":1,\"payment_method_id\":\"visa\",\"payer\":{\"email\":\"a@b.com\"}}",
             NULL, NULL, NULL, NULL, &res) == MP_ERR_VALIDATION);
    CHECK(strstr(mp_error_causes(mp_error_last(), NULL), "2006") != NULL);
    mp_response_free(res);
    /* Bad card data is refused at tokenization. */
    CHECK(make_card_token(client, "4509953566233705", "123", "APRO", token) == MP_ERR_VALIDATION);
    CHECK(make_card_token(client, CARD_AMEX, "123", "APRO", token) == MP_ERR_VALIDATION);
    CHECK(make_card_token(client, CARD_AMEX, "1234", "APRO", token) == MP_OK);
}

static void capture_rules(void) {
    mp_response *res = NULL, *cap = NULL;
    char id[32], buf[64];
    int b = 1;
    REQUIRE(pay(client, "APRO", 200, 0, "capture", &res) == MP_OK);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "authorized");
    CHECK_STR(str_at(res, "/status_detail", buf, sizeof buf), "pending_capture");
    CHECK(mp_response_get_bool(res, "/captured", &b) == MP_OK && b == 0);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    /* A partial capture: more than authorized is refused, less is taken. */
    CHECK(call(client, "payments.capture", "{\"transaction_amount\":250}", "id", id, NULL, NULL,
               &cap) == MP_ERR_VALIDATION);
    mp_response_free(cap);
    REQUIRE(call(client, "payments.capture", "{\"transaction_amount\":120}", "id", id, NULL, NULL,
                 &cap) == MP_OK);
    CHECK_STR(str_at(cap, "/status", buf, sizeof buf), "approved");
    CHECK_STR(str_at(cap, "/status_detail", buf, sizeof buf), "accredited");
    CHECK(num_at(cap, "/transaction_amount") == 120);
    CHECK(mp_response_get_bool(cap, "/captured", &b) == MP_OK && b == 1);
    mp_response_free(cap);
    /* Capturing an approved payment again is harmless. */
    REQUIRE(call(client, "payments.capture", NULL, "id", id, NULL, NULL, &cap) == MP_OK);
    CHECK(mp_response_get_bool(cap, "/captured", &b) == MP_OK && b == 1);
    mp_response_free(cap);
    /* An approved payment cannot be cancelled: refund it instead. */
    CHECK(call(client, "payments.cancel", NULL, "id", id, NULL, NULL, &cap) == MP_ERR_VALIDATION);
    CHECK(mp_response_http_status(cap) == 400);
    mp_response_free(cap);
    /* A rejected payment can be neither captured nor cancelled. */
    REQUIRE(pay(client, "OTHE", 50, 0, "capture", &res) == MP_OK);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    CHECK(call(client, "payments.capture", NULL, "id", id, NULL, NULL, &cap) == MP_ERR_VALIDATION);
    mp_response_free(cap);
    CHECK(call(client, "payments.cancel", NULL, "id", id, NULL, NULL, &cap) == MP_ERR_VALIDATION);
    mp_response_free(cap);
}

static void cancel_rules(void) {
    mp_response *res = NULL, *c = NULL;
    char id[32], buf[64];
    const char *names[] = {"APRO", "CONT"};
    int i;
    for (i = 0; i < 2; i++) {
        /* An authorization (APRO, capture false) and a pending payment (CONT). */
        REQUIRE(pay(client, names[i], 80, i == 0 ? 0 : 1, "cancel", &res) == MP_OK);
        sprintf(id, "%lld", int_at(res, "/id"));
        mp_response_free(res);
        REQUIRE(call(client, "payments.cancel", NULL, "id", id, NULL, NULL, &c) == MP_OK);
        CHECK_STR(str_at(c, "/status", buf, sizeof buf), "cancelled");
        CHECK_STR(str_at(c, "/status_detail", buf, sizeof buf), "by_collector");
        mp_response_free(c);
        /* Cancelled is terminal. */
        CHECK(call(client, "payments.capture", NULL, "id", id, NULL, NULL, &c) ==
              MP_ERR_VALIDATION);
        mp_response_free(c);
        CHECK(call(client, "refunds.create", NULL, "payment_id", id, NULL, NULL, &c) ==
              MP_ERR_VALIDATION);
        mp_response_free(c);
    }
}

static void refund_rules(void) {
    mp_response *res = NULL, *r = NULL;
    char id[32], rid[32], buf[64];
    size_t n = 0;
    REQUIRE(pay(client, "APRO", 100, 1, "refunds", &res) == MP_OK);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);

    REQUIRE(call(client, "refunds.create", "{\"amount\":30}", "payment_id", id, NULL, NULL, &r) ==
            MP_OK);
    CHECK(mp_response_http_status(r) == 201);
    CHECK(num_at(r, "/amount") == 30);
    CHECK(int_at(r, "/payment_id") == atoll(id));
    CHECK_STR(str_at(r, "/status", buf, sizeof buf), "approved");
    sprintf(rid, "%lld", int_at(r, "/id"));
    mp_response_free(r);

    REQUIRE(call(client, "payments.get", NULL, "id", id, NULL, NULL, &res) == MP_OK);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "approved");
    CHECK_STR(str_at(res, "/status_detail", buf, sizeof buf), "partially_refunded");
    CHECK(num_at(res, "/transaction_amount_refunded") == 30);
    CHECK(mp_response_get_length(res, "/refunds", &n) == MP_OK && n == 1);
    mp_response_free(res);

    /* The balance left is 70: 80 is too much, and says so with cause 2017. */
    CHECK(call(client, "refunds.create", "{\"amount\":80}", "payment_id", id, NULL, NULL, &r) ==
          MP_ERR_VALIDATION);
    CHECK(strstr(mp_error_causes(mp_error_last(), NULL), "2017") != NULL);
    mp_response_free(r);
    CHECK(call(client, "refunds.create", "{\"amount\":-5}", "payment_id", id, NULL, NULL, &r) ==
          MP_ERR_VALIDATION);
    mp_response_free(r);

    REQUIRE(call(client, "refunds.create", "{\"amount\":20}", "payment_id", id, NULL, NULL, &r) ==
            MP_OK);
    mp_response_free(r);
    /* An empty body refunds what is left (50) and closes the payment. */
    REQUIRE(call(client, "refunds.create", NULL, "payment_id", id, NULL, NULL, &r) == MP_OK);
    CHECK(num_at(r, "/amount") == 50);
    mp_response_free(r);
    REQUIRE(call(client, "payments.get", NULL, "id", id, NULL, NULL, &res) == MP_OK);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "refunded");
    CHECK_STR(str_at(res, "/status_detail", buf, sizeof buf), "refunded");
    CHECK(num_at(res, "/transaction_amount_refunded") == 100);
    mp_response_free(res);
    CHECK(call(client, "refunds.create", NULL, "payment_id", id, NULL, NULL, &r) ==
          MP_ERR_VALIDATION);
    mp_response_free(r);

    REQUIRE(call(client, "refunds.list", NULL, "payment_id", id, NULL, NULL, &r) == MP_OK);
    CHECK(mp_response_get_length(r, "", &n) == MP_OK && n == 3);
    mp_response_free(r);
    REQUIRE(call(client, "refunds.get", NULL, "payment_id", id, "id", rid, &r) == MP_OK);
    CHECK(num_at(r, "/amount") == 30);
    mp_response_free(r);
    CHECK(call(client, "refunds.get", NULL, "payment_id", id, "id", "999999", &r) ==
          MP_ERR_NOT_FOUND);
    mp_response_free(r);

    /* An authorization that was never captured cannot be refunded. */
    REQUIRE(pay(client, "APRO", 40, 0, "refunds", &res) == MP_OK);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    CHECK(call(client, "refunds.create", NULL, "payment_id", id, NULL, NULL, &r) ==
          MP_ERR_VALIDATION);
    mp_response_free(r);
}

static void customers_and_cards(void) {
    mp_response *res = NULL, *r = NULL;
    mp_request *req = NULL;
    char cid[96], card_id[64], token[64], body[512], buf[128];
    size_t n = 0;
    const char *customer =
        "{\"email\":\"jane_checkout@example.com\",\"first_name\":\"Jane\","
        "\"last_name\":\"Doe\",\"identification\":{\"type\":\"DNI\",\"number\":\"12345678\"}}";

    REQUIRE(call(client, "customers.create", customer, NULL, NULL, NULL, NULL, &res) == MP_OK);
    CHECK(mp_response_http_status(res) == 201);
    str_at(res, "/id", cid, sizeof cid);
    CHECK(strlen(cid) > 0);
    mp_response_free(res);
    /* One customer per email (cause 101). */
    CHECK(call(client, "customers.create", customer, NULL, NULL, NULL, NULL, &res) ==
          MP_ERR_VALIDATION);
    CHECK(strstr(mp_error_causes(mp_error_last(), NULL), "101") != NULL);
    mp_response_free(res);
    CHECK(call(client, "customers.create", "{\"email\":\"not-an-email\"}", NULL, NULL, NULL, NULL,
               &res) == MP_ERR_VALIDATION);
    mp_response_free(res);

    REQUIRE(call(client, "customers.get", NULL, "id", cid, NULL, NULL, &res) == MP_OK);
    CHECK_STR(str_at(res, "/first_name", buf, sizeof buf), "Jane");
    mp_response_free(res);
    REQUIRE(call(client, "customers.update", "{\"first_name\":\"Janet\"}", "id", cid, NULL, NULL,
                 &res) == MP_OK);
    CHECK_STR(str_at(res, "/first_name", buf, sizeof buf), "Janet");
    mp_response_free(res);

    REQUIRE(mp_request_new(&req) == MP_OK);
    mp_request_add_query(req, "email", "jane_checkout@example.com");
    REQUIRE(mp_client_call(client, "customers.search", req, &res) == MP_OK);
    CHECK(int_at(res, "/paging/total") == 1);
    CHECK_STR(str_at(res, "/results/0/id", buf, sizeof buf), cid);
    mp_response_free(res);
    mp_request_free(req);

    /* Save a card from a token, then pay with it through a CVV-only token. */
    REQUIRE(make_card_token(client, CARD_MASTER, "123", "APRO", token) == MP_OK);
    sprintf(body, "{\"token\":\"%s\"}", token);
    REQUIRE(call(client, "cards.create", body, "customer_id", cid, NULL, NULL, &res) == MP_OK);
    CHECK(mp_response_http_status(res) == 201);
    str_at(res, "/id", card_id, sizeof card_id);
    CHECK(strlen(card_id) > 0);
    CHECK_STR(str_at(res, "/last_four_digits", buf, sizeof buf), "0604");
    CHECK_STR(str_at(res, "/customer_id", buf, sizeof buf), cid);
    mp_response_free(res);

    REQUIRE(call(client, "cards.list", NULL, "customer_id", cid, NULL, NULL, &res) == MP_OK);
    CHECK(mp_response_get_length(res, "", &n) == MP_OK && n == 1);
    mp_response_free(res);
    REQUIRE(call(client, "cards.get", NULL, "customer_id", cid, "id", card_id, &res) == MP_OK);
    CHECK_STR(str_at(res, "/id", buf, sizeof buf), card_id);
    mp_response_free(res);
    REQUIRE(call(client, "cards.update", "{\"expiration_month\":12}", "customer_id", cid, "id",
                 card_id, &res) == MP_OK);
    CHECK(int_at(res, "/expiration_month") == 12);
    mp_response_free(res);

    sprintf(body, "{\"card_id\":\"%s\",\"security_code\":\"123\"}", card_id);
    REQUIRE(call(client, "card_tokens.create", body, NULL, NULL, NULL, NULL, &res) == MP_OK);
    str_at(res, "/id", token, sizeof token);
    mp_response_free(res);
    sprintf(body,
            "{\"transaction_amount\":75,\"token\":\"%s\",\"installments\":3,"
            "\"payment_method_id\":\"master\",\"payer\":{\"type\":\"customer\",\"id\":\"%s\"}}",
            token, cid);
    REQUIRE(call(client, "payments.create", body, NULL, NULL, NULL, NULL, &res) == MP_OK);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "approved");
    CHECK_STR(str_at(res, "/card/last_four_digits", buf, sizeof buf), "0604");
    CHECK(int_at(res, "/installments") == 3);
    mp_response_free(res);

    REQUIRE(call(client, "cards.delete", NULL, "customer_id", cid, "id", card_id, &res) == MP_OK);
    mp_response_free(res);
    CHECK(call(client, "cards.get", NULL, "customer_id", cid, "id", card_id, &res) ==
          MP_ERR_NOT_FOUND);
    mp_response_free(res);
    REQUIRE(call(client, "customers.delete", NULL, "id", cid, NULL, NULL, &res) == MP_OK);
    mp_response_free(res);
    CHECK(call(client, "customers.get", NULL, "id", cid, NULL, NULL, &r) == MP_ERR_NOT_FOUND);
    mp_response_free(r);
}

static void catalogues(void) {
    mp_response *res = NULL;
    size_t n = 0, i;
    int visa = 0;
    char ptr[64], buf[64];
    REQUIRE(mp_client_call(client, "payment_methods.list", NULL, &res) == MP_OK);
    REQUIRE(mp_response_get_length(res, "", &n) == MP_OK);
    CHECK(n >= 5);
    for (i = 0; i < n; i++) {
        sprintf(ptr, "/%u/id", (unsigned)i);
        if (strcmp(str_at(res, ptr, buf, sizeof buf), "visa") == 0) visa = 1;
    }
    CHECK(visa);
    mp_response_free(res);
    REQUIRE(mp_client_call(client, "identification_types.list", NULL, &res) == MP_OK);
    CHECK(mp_response_get_length(res, "", &n) == MP_OK && n >= 2);
    CHECK(mp_response_exists(res, "/0/min_length"));
    mp_response_free(res);
}

static mp_response *search(const char *extref, const char *limit, const char *offset,
                           const char *status) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    mp_request_new(&req);
    mp_request_add_query(req, "external_reference", extref);
    if (limit) mp_request_add_query(req, "limit", limit);
    if (offset) mp_request_add_query(req, "offset", offset);
    if (status) mp_request_add_query(req, "status", status);
    if (mp_client_call(client, "payments.search", req, &res) != MP_OK) {
        mp_response_free(res);
        res = NULL;
    }
    mp_request_free(req);
    return res;
}

static void search_paging(void) {
    mp_response *res = NULL;
    size_t n = 0;
    int i;
    char extref[64];
    long long seen[5];
    sprintf(extref, "paging & co/%ld", fixture_requests()); /* encoded on the wire */
    for (i = 0; i < 5; i++) {
        REQUIRE(pay(client, i == 4 ? "OTHE" : "APRO", 10 + i, 1, extref, &res) == MP_OK);
        mp_response_free(res);
    }
    for (i = 0; i < 3; i++) {
        char off[8];
        sprintf(off, "%d", i * 2);
        res = search(extref, "2", off, NULL);
        REQUIRE(res != NULL);
        CHECK(int_at(res, "/paging/total") == 5);
        CHECK(int_at(res, "/paging/limit") == 2);
        CHECK(int_at(res, "/paging/offset") == i * 2);
        CHECK(mp_response_get_length(res, "/results", &n) == MP_OK && n == (i < 2 ? 2u : 1u));
        seen[i * 2] = int_at(res, "/results/0/id");
        if (i < 2) seen[i * 2 + 1] = int_at(res, "/results/1/id");
        mp_response_free(res);
    }
    /* Five distinct payments across the pages. */
    for (i = 0; i < 5; i++) {
        int j;
        for (j = i + 1; j < 5; j++)
            CHECK(seen[i] != seen[j]);
    }
    res = search(extref, "2", "10", NULL);
    REQUIRE(res != NULL);
    CHECK(int_at(res, "/paging/total") == 5);
    CHECK(mp_response_get_length(res, "/results", &n) == MP_OK && n == 0);
    mp_response_free(res);
    res = search(extref, NULL, NULL, "rejected");
    REQUIRE(res != NULL);
    CHECK(int_at(res, "/paging/total") == 1);
    mp_response_free(res);
}

static const struct test_case cases[] = {
    {"outcomes", outcomes},
    {"payment_resource", payment_resource},
    {"card_token_single_use", card_token_single_use},
    {"capture_rules", capture_rules},
    {"cancel_rules", cancel_rules},
    {"refund_rules", refund_rules},
    {"customers_and_cards", customers_and_cards},
    {"catalogues", catalogues},
    {"search_paging", search_paging},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, &client);
}
