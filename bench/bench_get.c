/* payments.get through the C ABI versus a plain libcurl loop reusing one
 * easy handle, against the same sandbox. Reports the client's CPU time per
 * request (user + system of this process) for both, and their ratio.
 *
 *   bench_get BASE_URL [CA_FILE] [REQUESTS_PER_ROUND] [ROUNDS]
 *
 * The two loops alternate round by round so that drift on the machine
 * affects both alike; the median round of each is reported. */
#include <mercadopago.h>

#include <curl/curl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN "TEST-bench-token-1234567"

struct buffer {
    char *data;
    size_t len, cap;
};

static size_t on_body(char *p, size_t size, size_t n, void *userdata) {
    struct buffer *b = userdata;
    size_t add = size * n;
    if (b->len + add + 1 > b->cap) {
        b->cap = (b->len + add + 1) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, p, add);
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The practical limit: what a careful programmer writes with libcurl alone. */
static double plain_curl_round(CURL *h, int n) {
    struct buffer body = {NULL, 0, 0};
    double start = cpu_seconds();
    int i;
    long code = 0;
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    for (i = 0; i < n; i++) {
        body.len = 0;
        if (curl_easy_perform(h) != CURLE_OK) {
            fprintf(stderr, "plain libcurl request failed\n");
            exit(1);
        }
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        if (code != 200 || body.len < 10) {
            fprintf(stderr, "plain libcurl: HTTP %ld\n", code);
            exit(1);
        }
    }
    free(body.data);
    return (cpu_seconds() - start) / n;
}

static double library_round(mp_client *c, const mp_request *req, int n) {
    double start = cpu_seconds();
    int i;
    for (i = 0; i < n; i++) {
        mp_response *res = NULL;
        size_t len = 0;
        if (mp_client_call(c, "payments.get", req, &res) != MP_OK) {
            fprintf(stderr, "library request failed: %s\n", mp_error_message(mp_error_last()));
            exit(1);
        }
        if (mp_response_http_status(res) != 200 || (mp_response_body(res, &len), len < 10)) {
            fprintf(stderr, "library: unexpected answer\n");
            exit(1);
        }
        mp_response_free(res);
    }
    return (cpu_seconds() - start) / n;
}

int main(int argc, char **argv) {
    const char *base = argc > 1 ? argv[1] : NULL;
    const char *ca = argc > 2 && argv[2][0] ? argv[2] : NULL;
    int n = argc > 3 ? atoi(argv[3]) : 2000;
    int rounds = argc > 4 ? atoi(argv[4]) : 7;
    mp_config *cfg = NULL;
    mp_client *client = NULL;
    mp_request *req = NULL;
    mp_response *res = NULL;
    char id[32], url[512];
    int64_t pid = 0;
    double *plain, *lib, wall;
    int r;
    CURL *h;
    struct curl_slist *headers = NULL;

    if (!base) {
        fprintf(stderr, "usage: bench_get BASE_URL [CA_FILE] [N] [ROUNDS]\n");
        return 2;
    }
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TOKEN);
    mp_config_set_base_url(cfg, base);
    if (ca) mp_config_set_ca_file(cfg, ca);
    if (mp_client_new(cfg, &client) != MP_OK) {
        fprintf(stderr, "client: %s\n", mp_error_message(mp_error_last()));
        return 1;
    }

    /* One payment to read over and over. */
    {
        const char *tok_body = "{\"card_number\":\"4509953566233704\",\"expiration_month\":11,"
                               "\"expiration_year\":2030,\"security_code\":\"123\","
                               "\"cardholder\":{\"name\":\"APRO\"}}";
        char body[512];
        const char *tok = NULL;
        size_t len = 0;
        mp_request_new(&req);
        mp_request_set_body(req, tok_body, strlen(tok_body));
        if (mp_client_call(client, "card_tokens.create", req, &res) != MP_OK) {
            fprintf(stderr, "token: %s\n", mp_error_message(mp_error_last()));
            return 1;
        }
        mp_response_get_string(res, "/id", &tok, &len);
        snprintf(body, sizeof body,
                 "{\"transaction_amount\":100,\"token\":\"%.*s\",\"installments\":1,"
                 "\"payment_method_id\":\"visa\",\"payer\":{\"email\":\"bench@example.com\"}}",
                 (int)len, tok);
        mp_response_free(res);
        mp_request_reset(req);
        mp_request_set_body(req, body, strlen(body));
        if (mp_client_call(client, "payments.create", req, &res) != MP_OK) {
            fprintf(stderr, "payment: %s\n", mp_error_message(mp_error_last()));
            return 1;
        }
        mp_response_get_int64(res, "/id", &pid);
        mp_response_free(res);
        snprintf(id, sizeof id, "%lld", (long long)pid);
        mp_request_reset(req);
        mp_request_set_path_param(req, "id", id);
    }

    h = curl_easy_init();
    snprintf(url, sizeof url, "%s/v1/payments/%s", base, id);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    if (ca) curl_easy_setopt(h, CURLOPT_CAINFO, ca);
    headers = curl_slist_append(headers, "Authorization: Bearer " TOKEN);
    headers = curl_slist_append(headers, "Accept: application/json");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

    /* MP_BENCH_SAFE_PLAIN=1: the plain loop also sets what a production
     * client must (a total timeout, stall detection, a user agent), to
     * separate libcurl's cost of those from the library's own. */
    if (getenv("MP_BENCH_SAFE_PLAIN")) {
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 60000L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 20L);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "libmercadopago/0.1.0");
    }
    plain = calloc((size_t)rounds, sizeof *plain);
    lib = calloc((size_t)rounds, sizeof *lib);
    /* Warm both up: connections, TLS sessions, caches. */
    plain_curl_round(h, n / 10 + 1);
    library_round(client, req, n / 10 + 1);
    wall = wall_seconds();
    for (r = 0; r < rounds; r++) {
        plain[r] = plain_curl_round(h, n);
        lib[r] = library_round(client, req, n);
    }
    wall = wall_seconds() - wall;
    qsort(plain, (size_t)rounds, sizeof *plain, cmp_double);
    qsort(lib, (size_t)rounds, sizeof *lib, cmp_double);

    printf("payments.get over %s, %d rounds x %d requests each, median round:\n",
           strncmp(base, "https", 5) == 0 ? "HTTPS" : "HTTP", rounds, n);
    printf("  plain libcurl loop : %7.2f us client CPU per request\n", plain[rounds / 2] * 1e6);
    printf("  libmercadopago     : %7.2f us client CPU per request\n", lib[rounds / 2] * 1e6);
    printf("  ratio              : %7.3f (target <= 1.15)\n", lib[rounds / 2] / plain[rounds / 2]);
    printf("  (%.0f requests/s wall, both loops together)\n", 2.0 * rounds * n / wall);

    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    free(plain);
    free(lib);
    mp_request_free(req);
    mp_client_free(client);
    mp_config_free(cfg);
    return 0;
}
