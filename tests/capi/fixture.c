#include "fixture.h"
#include "harness.h"

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mp_sandbox *sandbox;

mp_sandbox *fixture_sandbox(void) {
    if (!sandbox && mp_sandbox_start("{\"tls\": true}", &sandbox) != 0) {
        fprintf(stderr, "cannot start the sandbox: %s\n", mp_sandbox_last_error());
        exit(2);
    }
    return sandbox;
}

long fixture_requests(void) {
    return mp_sandbox_request_count(fixture_sandbox());
}

mp_client *fixture_client(void) {
    mp_config *cfg = NULL;
    mp_client *client = NULL;
    const char *pem;
    mp_sandbox *sb = fixture_sandbox();
    pem = mp_sandbox_ca_pem(sb);
    if (mp_config_new(&cfg) != MP_OK || mp_config_set_access_token(cfg, TEST_TOKEN) != MP_OK ||
        mp_config_set_base_url(cfg, mp_sandbox_url(sb)) != MP_OK ||
        mp_config_set_ca_pem(cfg, pem, strlen(pem)) != MP_OK ||
        mp_client_new(cfg, &client) != MP_OK) {
        fprintf(stderr, "cannot create a client: %s\n", mp_error_message(mp_error_last()));
        exit(2);
    }
    mp_config_free(cfg);
    return client;
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

static size_t discard(char *p, size_t size, size_t n, void *u) {
    (void)p;
    (void)u;
    return size * n;
}

/* The admin route needs no token; it is the sandbox's, not the API's. */
static void admin(const char *method, const char *body) {
    char url[256];
    CURL *h = curl_easy_init();
    long code = 0;
    mp_sandbox *sb = fixture_sandbox();
    sprintf(url, "%s/__sandbox/faults", mp_sandbox_url(sb));
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, NULL);
    {
        struct curl_blob blob;
        blob.data = (void *)mp_sandbox_ca_pem(sb);
        blob.len = strlen(mp_sandbox_ca_pem(sb));
        blob.flags = CURL_BLOB_COPY;
        curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
    }
    if (body) curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    if (curl_easy_perform(h) != CURLE_OK ||
        (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code), code >= 300)) {
        fprintf(stderr, "arming faults failed (HTTP %ld): %s\n", code, body ? body : "");
        exit(2);
    }
    curl_easy_cleanup(h);
}

void fixture_arm(const char *method, const char *path, const char *faults) {
    size_t n = strlen(method) + strlen(path) + strlen(faults) + 64;
    char *body = malloc(n);
    if (body == NULL) exit(2);
    snprintf(body, n, "{\"method\":\"%s\",\"path\":\"%s\",\"faults\":%s}", method, path, faults);
    admin("POST", body);
    free(body);
}

void fixture_disarm(void) {
    admin("DELETE", NULL);
}

mp_client *fixture_retry_client(int max_retries, long timeout_ms) {
    mp_config *cfg = NULL;
    mp_client *client = NULL;
    mp_sandbox *sb = fixture_sandbox();
    const char *pem = mp_sandbox_ca_pem(sb);
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TEST_TOKEN);
    mp_config_set_base_url(cfg, mp_sandbox_url(sb));
    mp_config_set_ca_pem(cfg, pem, strlen(pem));
    mp_config_set_max_retries(cfg, max_retries);
    mp_config_set_retry_delays_ms(cfg, 20, 200, 5000);
    mp_config_set_timeout_ms(cfg, timeout_ms);
    if (mp_client_new(cfg, &client) != MP_OK) {
        fprintf(stderr, "cannot create a client: %s\n", mp_error_message(mp_error_last()));
        exit(2);
    }
    mp_config_free(cfg);
    return client;
}

int fixture_main(int argc, char **argv, const struct test_case *cases, mp_client **client) {
    int rc;
    if (client) *client = fixture_client();
    rc = harness_main(argc, argv, cases);
    if (client) mp_client_free(*client);
    fixture_teardown();
    return rc;
}
