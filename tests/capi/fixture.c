#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mp_sandbox *sandbox;

mp_sandbox *fixture_sandbox(void) {
    mp_sandbox_options *options = NULL;
    if (sandbox) return sandbox;
    if (mp_sandbox_options_new(&options) != MP_SANDBOX_OK ||
        mp_sandbox_options_set_tls(options, 1) != MP_SANDBOX_OK ||
        mp_sandbox_start(options, &sandbox) != MP_SANDBOX_OK) {
        fprintf(stderr, "cannot start the sandbox: %s\n", mp_sandbox_last_error());
        exit(2);
    }
    mp_sandbox_options_free(options);
    return sandbox;
}

long fixture_requests(void) {
    return mp_sandbox_request_count(fixture_sandbox());
}

mp_config *fixture_config(const char *token) {
    mp_config *cfg = NULL;
    mp_sandbox *sb = fixture_sandbox();
    const char *pem = mp_sandbox_ca_pem(sb);
    if (mp_config_new(&cfg) != MP_OK || mp_config_set_access_token(cfg, token) != MP_OK ||
        mp_config_set_base_url(cfg, mp_sandbox_url(sb)) != MP_OK ||
        mp_config_set_ca_pem(cfg, pem, strlen(pem)) != MP_OK) {
        fprintf(stderr, "cannot make a configuration: %s\n", mp_error_message(mp_error_last()));
        exit(2);
    }
    return cfg;
}

mp_client *fixture_client_of(mp_config *cfg) {
    mp_client *client = NULL;
    if (mp_client_new(cfg, &client) != MP_OK) {
        fprintf(stderr, "cannot create a client: %s\n", mp_error_message(mp_error_last()));
        exit(2);
    }
    mp_config_free(cfg);
    return client;
}

mp_client *fixture_client(void) {
    return fixture_client_of(fixture_config(TEST_TOKEN));
}

void fixture_teardown(void) {
    mp_sandbox_stop(sandbox);
    sandbox = NULL;
}

mp_status call(mp_client *c, const char *op, const char *body, const char *p1, const char *v1,
               const char *p2, const char *v2, mp_response **out) {
    mp_request *req = NULL;
    mp_status st = mp_request_new(&req);
    if (st != MP_OK) return st;
    if (body) mp_request_set_body(req, body, strlen(body));
    if (p1) mp_request_set_path_param(req, p1, v1);
    if (p2) mp_request_set_path_param(req, p2, v2);
    st = mp_client_call(c, op, req, out);
    mp_request_free(req);
    return st;
}

const char *str_at(mp_response *r, const char *pointer, char *out, size_t n) {
    const char *s = NULL;
    size_t len = 0;
    out[0] = '\0';
    if (mp_response_get_string(r, pointer, &s, &len) == MP_OK && len < n) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

long long int_at(mp_response *r, const char *pointer) {
    int64_t v = -1;
    if (mp_response_get_int64(r, pointer, &v) != MP_OK) return -1;
    return (long long)v;
}

double num_at(mp_response *r, const char *pointer) {
    double v = -1;
    if (mp_response_get_double(r, pointer, &v) != MP_OK) return -1;
    return v;
}

mp_status make_card_token(mp_client *c, const char *card, const char *cvv, const char *name,
                          char *out) {
    char body[512];
    mp_response *res = NULL;
    mp_status st;
    snprintf(body, sizeof body,
             "{\"card_number\":\"%s\",\"expiration_month\":11,\"expiration_year\":2030,"
             "\"security_code\":\"%s\",\"cardholder\":{\"name\":\"%s\","
             "\"identification\":{\"type\":\"DNI\",\"number\":\"12345678\"}}}",
             card, cvv, name);
    st = call(c, "card_tokens.create", body, NULL, NULL, NULL, NULL, &res);
    out[0] = '\0';
    if (st == MP_OK) str_at(res, "/id", out, 64);
    mp_response_free(res);
    return st;
}

mp_status pay(mp_client *c, const char *name, double amount, int capture, const char *extref,
              mp_response **out) {
    char token[64], body[1024];
    mp_status st = make_card_token(c, CARD_VISA, "123", name, token);
    *out = NULL;
    if (st != MP_OK) return st;
    snprintf(body, sizeof body,
             "{\"transaction_amount\":%.2f,\"token\":\"%s\",\"installments\":1,"
             "\"payment_method_id\":\"visa\",\"capture\":%s,\"external_reference\":\"%s\","
             "\"description\":\"test order\",\"payer\":{\"email\":\"test_payer_1@testuser.com\"}}",
             amount, token, capture ? "true" : "false", extref ? extref : "");
    return call(c, "payments.create", body, NULL, NULL, NULL, NULL, out);
}

/* The sandbox's own parser reads each fault's text ("503", "429:1", "delay:200", ...). */
static mp_sandbox_fault *fault_of(const char *text, size_t len) {
    char spec[64];
    mp_sandbox_fault *fault = NULL;
    if (len >= sizeof spec) len = sizeof spec - 1;
    memcpy(spec, text, len);
    spec[len] = '\0';
    if (mp_sandbox_fault_parse(spec, &fault) != MP_SANDBOX_OK) {
        fprintf(stderr, "bad fault '%s': %s\n", spec, mp_sandbox_last_error());
        exit(2);
    }
    return fault;
}

/* Each fault of the array, in order, for the next matching request: armed one
 * after the other they are taken in that order. Through the C API, not HTTP. */
void fixture_arm(const char *method, const char *path, const char *faults) {
    const char *p = faults;
    while ((p = strchr(p, '"')) != NULL) {
        const char *end = strchr(p + 1, '"');
        mp_sandbox_fault *fault;
        if (end == NULL) break;
        fault = fault_of(p + 1, (size_t)(end - p - 1));
        if (mp_sandbox_fault_set_method(fault, method) != MP_SANDBOX_OK ||
            mp_sandbox_fault_set_path(fault, path) != MP_SANDBOX_OK ||
            mp_sandbox_fault_arm(fixture_sandbox(), fault) != MP_SANDBOX_OK) {
            fprintf(stderr, "arming faults failed: %s\n", mp_sandbox_last_error());
            exit(2);
        }
        mp_sandbox_fault_free(fault);
        p = end + 1;
    }
}

void fixture_disarm(void) {
    if (mp_sandbox_faults_clear(fixture_sandbox()) != MP_SANDBOX_OK) {
        fprintf(stderr, "clearing faults failed: %s\n", mp_sandbox_last_error());
        exit(2);
    }
}

mp_client *fixture_retry_client(int max_retries, long timeout_ms) {
    mp_config *cfg = fixture_config(TEST_TOKEN);
    mp_config_set_max_retries(cfg, max_retries);
    mp_config_set_retry_delays_ms(cfg, 20, 200, 5000);
    mp_config_set_timeout_ms(cfg, timeout_ms);
    return fixture_client_of(cfg);
}

int fixture_main(int argc, char **argv, const struct test_case *cases, mp_client **client) {
    int rc;
    if (client) *client = fixture_client();
    rc = harness_main(argc, argv, cases);
    if (client) mp_client_free(*client);
    fixture_teardown();
    return rc;
}
