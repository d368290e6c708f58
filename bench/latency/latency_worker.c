/* The C client of the latency bench (bench/latency/run.sh): payments.get through the C ABI,
 * driven line by line by bench/latency/bench_latency.py. Each command's answer is one JSON
 * line with the wall times in milliseconds ({"ms": [...]}) or {"na": "why"}.
 *
 *   latency_worker BASE_URL CA_FILE
 *   commands: create | first ID | steady ID N | seq ID N | batch ID N | async ID N |
 *             warmfirst ID | quit
 *
 * "first" makes a new client and times its construction and first call (a new connection and
 * TLS handshake); the others run on the latest client. */
#define _GNU_SOURCE
#include <mercadopago.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"

static const char *base, *ca;
static mp_client *client;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what) {
    fprintf(stderr, "latency_worker: %s: %s\n", what, mp_error_message(mp_error_last()));
    exit(1);
}

static mp_client *new_client(void) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TOKEN);
    mp_config_set_base_url(cfg, base);
    if (ca[0]) mp_config_set_ca_file(cfg, ca);
    if (mp_client_new(cfg, &c) != MP_OK) die("client");
    mp_config_free(cfg);
    return c;
}

static void get(const char *id) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    mp_request_new(&req);
    mp_request_set_path_param(req, "id", id);
    if (mp_client_call(client, "payments.get", req, &res) != MP_OK) die("payments.get");
    if (mp_response_http_status(res) != 200) die("payments.get status");
    mp_response_free(res);
    mp_request_free(req);
}

static mp_response *post(const char *op, const char *body) {
    mp_request *req = NULL;
    mp_response *res = NULL;
    mp_request_new(&req);
    mp_request_set_body(req, body, strlen(body));
    if (mp_client_call(client, op, req, &res) != MP_OK) die(op);
    mp_request_free(req);
    return res;
}

static void create(void) {
    char body[512];
    const char *tok = NULL;
    size_t len = 0;
    int64_t pid = 0;
    mp_response *res =
        post("card_tokens.create", "{\"card_number\":\"4509953566233704\",\"expiration_month\":11,"
                                   "\"expiration_year\":2030,\"security_code\":\"123\","
                                   "\"cardholder\":{\"name\":\"APRO\"}}");
    mp_response_get_string(res, "/id", &tok, &len);
    snprintf(body, sizeof body,
             "{\"transaction_amount\":100,\"token\":\"%.*s\",\"installments\":1,"
             "\"payment_method_id\":\"visa\",\"payer\":{\"email\":\"bench@example.com\"}}",
             (int)len, tok);
    mp_response_free(res);
    res = post("payments.create", body);
    mp_response_get_int64(res, "/id", &pid);
    mp_response_free(res);
    printf("{\"id\": %lld}\n", (long long)pid);
}

static void batch(const char *id, int n) {
    mp_batch *b = NULL;
    mp_request *req = NULL;
    double t;
    int i;
    mp_batch_new(&b);
    mp_request_new(&req);
    mp_request_set_path_param(req, "id", id);
    for (i = 0; i < n; i++)
        mp_batch_add(b, "payments.get", req, NULL);
    t = now_ms();
    if (mp_client_run_batch(client, b, n) != MP_OK) die("batch"); /* all n at once */
    t = now_ms() - t;
    for (i = 0; i < n; i++)
        if (mp_batch_status(b, (size_t)i) != MP_OK) die("batch call");
    printf("{\"ms\": [%.3f]}\n", t);
    mp_request_free(req);
    mp_batch_free(b);
}

/* The first call of a new client after mp_client_warm (one connection). */
static void warmfirst(const char *id) {
    double w, t;
    if (client) mp_client_free(client);
    w = now_ms();
    client = new_client();
    if (mp_client_warm(client, 1, MP_WARM_BLOCKING, NULL) != MP_OK) die("warm");
    w = now_ms() - w;
    t = now_ms();
    get(id);
    printf("{\"ms\": [%.3f], \"warm_ms\": %.3f}\n", now_ms() - t, w);
}

int main(int argc, char **argv) {
    char line[256], cmd[32], id[64];
    int n;
    if (argc < 3) {
        fprintf(stderr, "usage: latency_worker BASE_URL CA_FILE\n");
        return 2;
    }
    base = argv[1];
    ca = argv[2];
    client = new_client();
    printf("{\"ready\": true}\n");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        double t;
        int i;
        id[0] = '\0';
        n = 1;
        if (sscanf(line, "%31s %63s %d", cmd, id, &n) < 1) continue;
        if (strcmp(cmd, "quit") == 0) break;
        if (strcmp(cmd, "create") == 0) {
            create();
        } else if (strcmp(cmd, "first") == 0) {
            mp_client_free(client);
            t = now_ms();
            client = new_client();
            get(id);
            printf("{\"ms\": [%.3f]}\n", now_ms() - t);
        } else if (strcmp(cmd, "steady") == 0) {
            printf("{\"ms\": [");
            for (i = 0; i < n; i++) {
                t = now_ms();
                get(id);
                printf("%s%.3f", i ? ", " : "", now_ms() - t);
            }
            printf("]}\n");
        } else if (strcmp(cmd, "seq") == 0) {
            t = now_ms();
            for (i = 0; i < n; i++)
                get(id);
            printf("{\"ms\": [%.3f]}\n", now_ms() - t);
        } else if (strcmp(cmd, "batch") == 0) {
            batch(id, n);
        } else if (strcmp(cmd, "async") == 0) {
            printf("{\"na\": \"C has no async API: mp_batch is its concurrency\"}\n");
        } else if (strcmp(cmd, "warmfirst") == 0) {
            warmfirst(id);
        } else {
            printf("{\"na\": \"unknown command\"}\n");
        }
        fflush(stdout);
    }
    mp_client_free(client);
    return 0;
}
