/*
 * pay.c - the clean-room test's client (tests/cleanroom/debs.sh): C89, built
 * with nothing but `pkg-config --cflags --libs mercadopago` from the installed
 * packages. Against the API at MP_BASE_URL (mp-sandbox, its CA in MP_CA_FILE)
 * it tokenizes a test card whose cardholder is "APRO" and pays with it.
 * Prints "payment <id>: <status>/<status_detail>"; exits 0 only when the
 * payment is approved.
 */
#include <mercadopago.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what) {
    const mp_error *e = mp_error_last();
    fprintf(stderr, "pay: cannot %s: %s\n", what, e ? mp_error_message(e) : "unknown error");
    exit(1);
}

/* Calls op with a JSON body; stops the program unless the answer is a 2xx. */
static mp_response *call(mp_client *client, const char *op, const char *body) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    if (mp_request_new(&req) != MP_OK || mp_request_set_body(req, body, strlen(body)) != MP_OK)
        fail("make the request");
    if (mp_client_call(client, op, req, &res) != MP_OK) fail(op);
    mp_request_free(req);
    return res;
}

/* Copies the string at a JSON pointer of the response into out ("" if none). */
static const char *text(mp_response *res, const char *pointer, char *out, size_t size) {
    const char *s = NULL;
    size_t len = 0;
    out[0] = '\0';
    if (mp_response_get_string(res, pointer, &s, &len) == MP_OK && len < size) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

int main(void) {
    const char *base_url = getenv("MP_BASE_URL");
    const char *ca_file = getenv("MP_CA_FILE");
    mp_config *cfg = NULL;
    mp_client *client = NULL;
    mp_response *res;
    int64_t id = 0;
    char token[128], status[64], detail[64], body[512];

    if (!base_url || !ca_file) {
        fprintf(stderr, "pay: set MP_BASE_URL and MP_CA_FILE\n");
        return 2;
    }
    printf("libmercadopago %s against %s\n", mp_version(), base_url);
    if (mp_config_new(&cfg) != MP_OK ||
        mp_config_set_access_token(cfg, "TEST-cleanroom-token-1234567") != MP_OK ||
        mp_config_set_base_url(cfg, base_url) != MP_OK ||
        mp_config_set_ca_file(cfg, ca_file) != MP_OK || mp_client_new(cfg, &client) != MP_OK)
        fail("configure the client");
    mp_config_free(cfg);

    res = call(client, "card_tokens.create",
               "{\"card_number\":\"5031755734530604\",\"expiration_month\":11,"
               "\"expiration_year\":2030,\"security_code\":\"123\","
               "\"cardholder\":{\"name\":\"APRO\"}}");
    text(res, "/id", token, sizeof token);
    mp_response_free(res);
    if (!token[0]) {
        fprintf(stderr, "pay: the card token has no id\n");
        return 1;
    }

    sprintf(body,
            "{\"transaction_amount\":125.50,\"token\":\"%s\",\"installments\":1,"
            "\"payment_method_id\":\"master\",\"description\":\"clean-room test\","
            "\"payer\":{\"email\":\"buyer@example.com\"}}",
            token);
    res = call(client, "payments.create", body);
    mp_response_get_int64(res, "/id", &id);
    text(res, "/status", status, sizeof status);
    text(res, "/status_detail", detail, sizeof detail);
    printf("payment %ld: %s/%s\n", (long)id, status, detail);
    mp_response_free(res);
    mp_client_free(client);
    return strcmp(status, "approved") == 0 && id != 0 ? 0 : 1;
}
