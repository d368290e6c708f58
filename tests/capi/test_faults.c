/* Retries, timeouts and idempotency under real faults injected by the
 * sandbox (/__sandbox/faults): no payment is ever created twice. */
#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Payments of the collector with this external_reference, by the search API. */
static long long count_payments(mp_client *c, const char *extref) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    long long n = -1;
    mp_request_new(&req);
    mp_request_add_query(req, "external_reference", extref);
    if (mp_client_call(c, "payments.search", req, &res) == MP_OK) n = int_at(res, "/paging/total");
    mp_response_free(res);
    mp_request_free(req);
    return n;
}

static void server_error_then_ok(void) {
    mp_client *c = fixture_retry_client(2, 10000);
    mp_response *res = NULL;
    long before;
    fixture_arm("GET", "/v1/payment_methods", "[\"503\",\"500\",\"ok\"]");
    before = fixture_requests();
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    CHECK(mp_response_attempts(res) == 3);
    CHECK(fixture_requests() - before == 3);
    mp_response_free(res);
    fixture_disarm();
    mp_client_free(c);
}

static void retries_run_out(void) {
    mp_client *c = fixture_retry_client(2, 10000);
    mp_response *res = NULL;
    fixture_arm("GET", "/v1/payment_methods", "[\"503\",\"503\",\"503\",\"ok\"]");
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_SERVER);
    REQUIRE(res != NULL);
    CHECK(mp_response_http_status(res) == 503);
    CHECK(mp_error_attempts(mp_error_last()) == 3);
    CHECK(mp_error_retryable(mp_error_last()) == 1);
    mp_response_free(res);
    fixture_disarm();
    mp_client_free(c);
}

/* The per-client retry budget (500 tokens, 5 a retry, 1 back per success):
 * an outage of every call stops being multiplied by retries once it is spent,
 * and successes earn retries back. */
static void retry_budget_runs_out_and_refills(void) {
    mp_client *c = fixture_retry_client(1, 10000);
    mp_response *res = NULL;
    char faults[256 * 6 + 2];
    size_t len = 0;
    int i, full = 0;
    faults[len++] = '[';
    for (i = 0; i < 256; i++)
        len += (size_t)sprintf(faults + len, "%s\"503\"", i ? "," : "");
    faults[len++] = ']';
    faults[len] = '\0';
    fixture_arm("GET", "/v1/payment_methods", faults);
    for (i = 0; i < 100; i++) { /* 100 retries spend the 500 tokens */
        CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_SERVER);
        full += mp_error_attempts(mp_error_last()) == 2;
        mp_response_free(res);
        res = NULL;
    }
    CHECK(full == 100);
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_SERVER);
    CHECK(mp_error_attempts(mp_error_last()) == 1); /* spent: no retry */
    mp_response_free(res);
    res = NULL;
    fixture_disarm();
    for (i = 0; i < 5; i++) { /* five successes buy one retry */
        CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
        mp_response_free(res);
        res = NULL;
    }
    fixture_arm("GET", "/v1/payment_methods", "[\"503\",\"ok\"]");
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    CHECK(mp_response_attempts(res) == 2);
    mp_response_free(res);
    fixture_disarm();
    mp_client_free(c);
}

static void client_errors_are_not_retried(void) {
    mp_client *c = fixture_retry_client(3, 10000);
    mp_request *req = NULL;
    mp_response *res = NULL;
    long before;
    fixture_arm("GET", "/v1/payment_methods", "[\"400\",\"ok\"]");
    before = fixture_requests();
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_VALIDATION);
    CHECK(mp_error_attempts(mp_error_last()) == 1);
    CHECK(fixture_requests() - before == 1);
    mp_response_free(res);
    fixture_disarm();
    /* Retries off for one call only. */
    fixture_arm("GET", "/v1/payment_methods", "[\"503\",\"ok\"]");
    mp_request_new(&req);
    mp_request_set_max_retries(req, 0);
    CHECK(mp_client_call(c, "payment_methods.list", req, &res) == MP_ERR_SERVER);
    CHECK(mp_error_attempts(mp_error_last()) == 1);
    mp_response_free(res);
    /* ...and the next call, without the override, retries again. */
    fixture_disarm();
    fixture_arm("GET", "/v1/payment_methods", "[\"503\",\"ok\"]");
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    CHECK(mp_response_attempts(res) == 2);
    mp_response_free(res);
    mp_request_free(req);
    fixture_disarm();
    mp_client_free(c);
}

/* The heart of it: the connection drops after the payment was created. The
 * retry carries the same key, so the sandbox replays the payment. */
static void reset_after_create_charges_once(void) {
    /* libcurl itself re-sends once, on a fresh connection, when a reused
     * keep-alive connection dies before any answer; our key makes that safe
     * too. Two resets in a row reach our own retry loop. */
    const char *faults[] = {"[\"reset_after\",\"reset_after\",\"ok\"]",
                            "[\"reset_before\",\"reset_before\",\"ok\"]", "[\"truncate\",\"ok\"]",
                            "[\"503\",\"reset_after\",\"ok\"]", "[\"delay:200\"]"};
    const int replay[] = {1, 0, 1, 1, 0}; /* whether the answer is the replay of a done write */
    size_t i;
    for (i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        mp_client *c = fixture_retry_client(3, 15000);
        mp_response *res = NULL;
        char extref[64], first_key[40];
        int status;
        sprintf(extref, "once-%u-%ld", (unsigned)i, fixture_requests());
        fixture_arm("POST", "/v1/payments", faults[i]);
        status = pay(c, "APRO", 99, 1, extref, &res);
        fixture_disarm();
        if (status != MP_OK) fprintf(stderr, "  with %s\n", faults[i]);
        CHECK(status == MP_OK);
        if (res) {
            strcpy(first_key, mp_response_idempotency_key(res));
            CHECK(strlen(first_key) == 36);
            if (mp_response_attempts(res) < (i == 4 ? 1 : 2))
                fprintf(stderr, "  %s: %d attempts, HTTP %d\n", faults[i],
                        mp_response_attempts(res), mp_response_http_status(res));
            CHECK(mp_response_attempts(res) >= (i == 4 ? 1 : 2));
            CHECK(mp_response_http_status(res) == (replay[i] ? 200 : 201));
        }
        CHECK(count_payments(c, extref) == 1);
        mp_response_free(res);
        mp_client_free(c);
    }
}

static void every_fault_on_reads(void) {
    const char *faults[] = {"[\"reset_before\",\"reset_before\",\"ok\"]",
                            "[\"reset_after\",\"reset_after\",\"ok\"]",
                            "[\"truncate\",\"ok\"]",
                            "[\"500\",\"ok\"]",
                            "[\"429:0\",\"ok\"]",
                            "[\"delay:100\",\"ok\"]",
                            "[\"503\",\"truncate\",\"reset_before\",\"ok\"]"};
    mp_client *c = fixture_retry_client(3, 15000);
    mp_response *res = NULL;
    char id[32], buf[32];
    size_t i;
    REQUIRE(pay(c, "APRO", 12, 1, "reads", &res) == MP_OK);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    for (i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        fixture_arm("GET", "/v1/payments/", faults[i]);
        if (call(c, "payments.get", NULL, "id", id, NULL, NULL, &res) != MP_OK) {
            fprintf(stderr, "  with %s\n", faults[i]);
            CHECK(!"a read survives the fault");
        } else {
            CHECK_STR(str_at(res, "/status", buf, sizeof buf), "approved");
            CHECK_STR(mp_response_idempotency_key(res), ""); /* reads never carry a key */
        }
        mp_response_free(res);
        fixture_disarm();
    }
    mp_client_free(c);
}

static void reset_after_refund_refunds_once(void) {
    mp_client *c = fixture_retry_client(3, 15000);
    mp_response *res = NULL, *r = NULL;
    char id[32];
    size_t n = 0;
    REQUIRE(pay(c, "APRO", 100, 1, "refund-once", &res) == MP_OK);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    fixture_arm("POST", "/v1/payments/", "[\"reset_after\",\"ok\"]");
    CHECK(call(c, "refunds.create", "{\"amount\":10}", "payment_id", id, NULL, NULL, &r) == MP_OK);
    fixture_disarm();
    mp_response_free(r);
    REQUIRE(call(c, "refunds.list", NULL, "payment_id", id, NULL, NULL, &r) == MP_OK);
    CHECK(mp_response_get_length(r, "", &n) == MP_OK && n == 1);
    mp_response_free(r);
    REQUIRE(call(c, "payments.get", NULL, "id", id, NULL, NULL, &r) == MP_OK);
    CHECK(num_at(r, "/transaction_amount_refunded") == 10);
    mp_response_free(r);
    mp_client_free(c);
}

static void retry_after_is_respected(void) {
    mp_client *c = fixture_retry_client(2, 10000);
    mp_response *res = NULL;
    double t0;
    fixture_arm("GET", "/v1/identification_types", "[\"429:1\",\"ok\"]");
    t0 = now_ms();
    CHECK(mp_client_call(c, "identification_types.list", NULL, &res) == MP_OK);
    CHECK(now_ms() - t0 >= 1000); /* never sooner than the server asked */
    CHECK(mp_response_attempts(res) == 2);
    mp_response_free(res);
    /* Asked to wait longer than the cap (5 s here): not retried at all. */
    fixture_arm("GET", "/v1/identification_types", "[\"429:60\",\"ok\"]");
    t0 = now_ms();
    CHECK(mp_client_call(c, "identification_types.list", NULL, &res) == MP_ERR_RATE_LIMITED);
    CHECK(now_ms() - t0 < 1000);
    CHECK(mp_error_attempts(mp_error_last()) == 1);
    CHECK(mp_error_retryable(mp_error_last()) == 1);
    CHECK_STR(mp_response_header(res, "Retry-After"), "60");
    mp_response_free(res);
    fixture_disarm();
    mp_client_free(c);
}

static void stall_ends_at_the_timeout(void) {
    mp_client *c = fixture_retry_client(2, 1500);
    mp_response *res = NULL;
    mp_request *req = NULL;
    double t0;
    fixture_arm("GET", "/v1/payment_methods", "[\"stall\",\"stall\",\"stall\",\"stall\"]");
    t0 = now_ms();
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_ERR_TIMEOUT);
    CHECK(res == NULL);
    CHECK(now_ms() - t0 >= 1400);
    CHECK(now_ms() - t0 < 4000); /* the total timeout covers every attempt */
    CHECK(mp_error_retryable(mp_error_last()) == 1);
    /* A per-call timeout overrides the client's. */
    mp_request_new(&req);
    mp_request_set_timeout_ms(req, 400);
    t0 = now_ms();
    CHECK(mp_client_call(c, "payment_methods.list", req, &res) == MP_ERR_TIMEOUT);
    CHECK(now_ms() - t0 < 1300);
    mp_request_free(req);
    fixture_disarm();
    /* The client is healthy afterwards. */
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    mp_client_free(c);
}

static const struct test_case cases[] = {
    {"server_error_then_ok", server_error_then_ok},
    {"retries_run_out", retries_run_out},
    {"retry_budget_runs_out_and_refills", retry_budget_runs_out_and_refills},
    {"client_errors_are_not_retried", client_errors_are_not_retried},
    {"reset_after_create_charges_once", reset_after_create_charges_once},
    {"every_fault_on_reads", every_fault_on_reads},
    {"reset_after_refund_refunds_once", reset_after_refund_refunds_once},
    {"retry_after_is_respected", retry_after_is_respected},
    {"stall_ends_at_the_timeout", stall_ends_at_the_timeout},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, NULL);
}
