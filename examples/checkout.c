/*
 * checkout.c - the whole card checkout of the Mercado Pago API from C89.
 *
 * Tokenize a test card, create a customer, save the card, pay with it
 * (authorize, then capture), refund part of it, see a declined payment, and
 * search the payments of the order.
 *
 * By default it runs against an embedded sandbox over HTTPS. To use another
 * server set MP_BASE_URL (and MP_CA_FILE if its CA is not a system one) and
 * MP_ACCESS_TOKEN.
 *
 *   cc checkout.c $(pkg-config --cflags --libs mercadopago mercadopago-sandbox)
 */
#include <mercadopago.h>
#include <mp_sandbox.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static mp_client *client;

/* Stops the program with the library's explanation of what went wrong. */
static void fail(const char *what) {
    const mp_error *e = mp_error_last();
    fprintf(stderr, "\nFAILED to %s: %s\n", what, e ? mp_error_message(e) : "unknown error");
    exit(1);
}

/* Calls an operation with a JSON body and up to two path parameters. */
static mp_response *call(const char *op, const char *body, const char *p1, const char *v1,
                         const char *p2, const char *v2, const char *what) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    if (mp_request_new(&req) != MP_OK) fail(what);
    if (body && mp_request_set_body(req, body, strlen(body)) != MP_OK) fail(what);
    if (p1 && mp_request_set_path_param(req, p1, v1) != MP_OK) fail(what);
    if (p2 && mp_request_set_path_param(req, p2, v2) != MP_OK) fail(what);
    if (mp_client_call(client, op, req, &res) != MP_OK) fail(what);
    mp_request_free(req);
    return res;
}

/* Copies the string at a JSON pointer of the response into out. */
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

static double number(mp_response *res, const char *pointer) {
    double d = 0;
    mp_response_get_double(res, pointer, &d);
    return d;
}

static const char *id_of(mp_response *res, char *out) {
    int64_t id = 0;
    if (mp_response_get_int64(res, "/id", &id) == MP_OK) {
        sprintf(out, "%ld", (long)id);
        return out;
    }
    return text(res, "/id", out, 64);
}

static void card_token(const char *number_, const char *name, char *out) {
    char body[512];
    mp_response *res;
    sprintf(body,
            "{\"card_number\":\"%s\",\"expiration_month\":11,\"expiration_year\":2030,"
            "\"security_code\":\"123\",\"cardholder\":{\"name\":\"%s\","
            "\"identification\":{\"type\":\"DNI\",\"number\":\"12345678\"}}}",
            number_, name);
    res = call("card_tokens.create", body, NULL, NULL, NULL, NULL, "tokenize the card");
    text(res, "/id", out, 64);
    mp_response_free(res);
}

int main(void) {
    mp_sandbox *sandbox = NULL;
    mp_config *cfg = NULL;
    mp_response *res;
    const char *base_url = getenv("MP_BASE_URL");
    const char *token = getenv("MP_ACCESS_TOKEN");
    const char *ca_file = getenv("MP_CA_FILE");
    char tok[64], customer[96], card[64], payment[32], declined[32], buf[128], body[1024];
    char order[64];

    printf("libmercadopago %s: the card checkout, step by step\n\n", mp_version());

    if (!token) token = "TEST-example-token-1234567"; /* any TEST- token works on the sandbox */
    if (mp_config_new(&cfg) != MP_OK || mp_config_set_access_token(cfg, token) != MP_OK)
        fail("configure the client");
    if (base_url) {
        if (mp_config_set_base_url(cfg, base_url) != MP_OK) fail("set the base URL");
        if (ca_file && mp_config_set_ca_file(cfg, ca_file) != MP_OK) fail("set the CA file");
        printf("Using the API at %s\n", base_url);
    } else {
        const char *pem;
        mp_sandbox_options *tls = NULL;
        if (mp_sandbox_options_new(&tls) != MP_SANDBOX_OK ||
            mp_sandbox_options_set_tls(tls, 1) != MP_SANDBOX_OK ||
            mp_sandbox_start(tls, &sandbox) != MP_SANDBOX_OK) {
            fprintf(stderr, "cannot start the sandbox: %s\n", mp_sandbox_last_error());
            return 1;
        }
        mp_sandbox_options_free(tls);
        pem = mp_sandbox_ca_pem(sandbox);
        if (mp_config_set_base_url(cfg, mp_sandbox_url(sandbox)) != MP_OK ||
            mp_config_set_ca_pem(cfg, pem, strlen(pem)) != MP_OK)
            fail("point the client at the sandbox");
        printf("Started the embedded sandbox at %s (HTTPS, its own CA trusted)\n",
               mp_sandbox_url(sandbox));
    }
    if (mp_client_new(cfg, &client) != MP_OK) fail("create the client");
    mp_config_free(cfg);
    srand((unsigned)time(NULL));
    sprintf(order, "order-%ld", (long)rand());

    /* 1. The buyer's browser tokenizes the card; the server only sees the token. */
    card_token("5031755734530604", "APRO", tok);
    printf("1. Tokenized the buyer's Mastercard ending in 0604: token %.8s...\n", tok);

    /* 2. A customer to keep the card for later purchases. */
    sprintf(body,
            "{\"email\":\"buyer-%s@example.com\",\"first_name\":\"Ana\",\"last_name\":\"Souza\"}",
            order);
    res = call("customers.create", body, NULL, NULL, NULL, NULL, "create the customer");
    text(res, "/id", customer, sizeof customer);
    mp_response_free(res);
    printf("2. Created customer %s\n", customer);

    /* 3. Save the card on the customer. */
    sprintf(body, "{\"token\":\"%s\"}", tok);
    res = call("cards.create", body, "customer_id", customer, NULL, NULL, "save the card");
    text(res, "/id", card, sizeof card);
    printf("3. Saved the card as %s (%s ending in %s)\n", card,
           text(res, "/payment_method/id", buf, sizeof buf),
           text(res, "/last_four_digits", buf + 64, 64));
    mp_response_free(res);

    /* 4. A later purchase: the saved card plus its security code. */
    sprintf(body, "{\"card_id\":\"%s\",\"security_code\":\"123\"}", card);
    res = call("card_tokens.create", body, NULL, NULL, NULL, NULL, "tokenize the saved card");
    text(res, "/id", tok, sizeof tok);
    mp_response_free(res);
    sprintf(
        body,
        "{\"transaction_amount\":250.00,\"token\":\"%s\",\"installments\":1,"
        "\"payment_method_id\":\"master\",\"capture\":false,\"external_reference\":\"%s\","
        "\"description\":\"Two concert tickets\",\"payer\":{\"type\":\"customer\",\"id\":\"%s\"}}",
        tok, order, customer);
    res = call("payments.create", body, NULL, NULL, NULL, NULL, "authorize the payment");
    id_of(res, payment);
    printf("4. Authorized payment %s for 250.00: %s/%s (idempotency key %s)\n", payment,
           text(res, "/status", buf, 64), text(res, "/status_detail", buf + 64, 64),
           mp_response_idempotency_key(res));
    mp_response_free(res);

    /* 5. Capture what was actually shipped. */
    res = call("payments.capture", "{\"transaction_amount\":200.00}", "id", payment, NULL, NULL,
               "capture the payment");
    printf("5. Captured %.2f of it: %s/%s\n", number(res, "/transaction_amount"),
           text(res, "/status", buf, 64), text(res, "/status_detail", buf + 64, 64));
    mp_response_free(res);

    /* 6. One ticket comes back: a partial refund. */
    res = call("refunds.create", "{\"amount\":100.00}", "payment_id", payment, NULL, NULL,
               "refund part of the payment");
    printf("6. Refunded %.2f (refund %s)\n", number(res, "/amount"), id_of(res, buf));
    mp_response_free(res);
    res = call("payments.get", NULL, "id", payment, NULL, NULL, "read the payment back");
    printf("   The payment is now %s/%s, %.2f refunded\n", text(res, "/status", buf, 64),
           text(res, "/status_detail", buf + 64, 64), number(res, "/transaction_amount_refunded"));
    mp_response_free(res);

    /* 7. A card the issuer declines: a created payment, status rejected. */
    card_token("4509953566233704", "OTHE", tok);
    sprintf(body,
            "{\"transaction_amount\":80.00,\"token\":\"%s\",\"installments\":1,"
            "\"payment_method_id\":\"visa\",\"external_reference\":\"%s\","
            "\"payer\":{\"email\":\"buyer-%s@example.com\"}}",
            tok, order, order);
    res = call("payments.create", body, NULL, NULL, NULL, NULL, "create the second payment");
    id_of(res, declined);
    printf("7. Payment %s was declined by the issuer: %s/%s\n", declined,
           text(res, "/status", buf, 64), text(res, "/status_detail", buf + 64, 64));
    mp_response_free(res);

    /* 8. Everything paid for this order. */
    {
        mp_request *req = NULL;
        size_t n = 0, i;
        char ptr[64];
        mp_request_new(&req);
        mp_request_add_query(req, "external_reference", order);
        if (mp_client_call(client, "payments.search", req, &res) != MP_OK) fail("search payments");
        mp_response_get_length(res, "/results", &n);
        printf("8. Found %u payments for %s:\n", (unsigned)n, order);
        for (i = 0; i < n; i++) {
            sprintf(ptr, "/results/%u/status", (unsigned)i);
            text(res, ptr, buf, 64);
            sprintf(ptr, "/results/%u/transaction_amount", (unsigned)i);
            printf("   - %8.2f  %s\n", number(res, ptr), buf);
        }
        mp_response_free(res);
        mp_request_free(req);
    }

    /* 9. Asking for something that does not exist: a typed error with the request id. */
    {
        mp_request *req = NULL;
        mp_request_new(&req);
        mp_request_set_path_param(req, "id", "1");
        if (mp_client_call(client, "payments.get", req, &res) == MP_ERR_NOT_FOUND)
            printf("9. Payment 1 does not exist, as expected: %s\n",
                   mp_error_message(mp_error_last()));
        else
            fail("see a not-found error");
        mp_response_free(res);
        mp_request_free(req);
    }

    printf("\nCheckout complete.\n");
    mp_client_free(client);
    mp_sandbox_stop(sandbox);
    return 0;
}
