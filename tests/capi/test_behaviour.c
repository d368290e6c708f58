/* Client behaviour through the C ABI: the pager, batches, webhook
 * verification, redacted logging, fork(), and many threads with per-call
 * tokens on one client. */
#include "fixture.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static mp_client *client;

static void pager_walks_every_page(void) {
    mp_request *req = NULL;
    mp_pager *pager = NULL;
    mp_response *page = NULL;
    const char *item;
    size_t len, pages = 0, items = 0;
    char extref[64];
    int i;
    long long ids[23];
    sprintf(extref, "pager-%ld", fixture_requests());
    for (i = 0; i < 23; i++) {
        mp_response *res = NULL;
        REQUIRE(pay(client, "APRO", 5 + i, 1, extref, &res) == MP_OK);
        ids[i] = int_at(res, "/id");
        mp_response_free(res);
    }
    mp_request_new(&req);
    mp_request_add_query(req, "external_reference", extref);
    /* Page by page: 5 + 5 + 5 + 5 + 3. */
    REQUIRE(mp_pager_new(client, "payments.search", req, 5, &pager) == MP_OK);
    while (mp_pager_next_page(pager, &page) == MP_OK) {
        size_t n = 0;
        mp_response_get_length(page, "/results", &n);
        CHECK(n == (pages < 4 ? 5u : 3u));
        pages++;
        mp_response_free(page);
    }
    CHECK(pages == 5);
    CHECK(mp_pager_total(pager) == 23);
    CHECK(mp_pager_next_page(pager, &page) == MP_ITER_OVER && page == NULL);
    mp_pager_free(pager);
    /* Item by item: each payment exactly once. */
    REQUIRE(mp_pager_new(client, "payments.search", req, 7, &pager) == MP_OK);
    while (mp_pager_next_item(pager, &item, &len) == MP_OK) {
        int found = 0;
        CHECK(item[0] == '{' && item[len - 1] == '}' && item[len] == '\0');
        for (i = 0; i < 23; i++) {
            char needle[40];
            sprintf(needle, "\"id\":%lld,", ids[i]);
            if (strstr(item, needle)) found++;
        }
        CHECK(found == 1);
        items++;
    }
    CHECK(items == 23);
    mp_pager_free(pager);
    /* A list operation is one page; bad names fail up front. */
    REQUIRE(mp_pager_new(client, "payment_methods.list", NULL, 0, &pager) == MP_OK);
    items = 0;
    while (mp_pager_next_item(pager, &item, &len) == MP_OK)
        items++;
    CHECK(items >= 5);
    mp_pager_free(pager);
    CHECK(mp_pager_new(client, "payments.nope", NULL, 0, &pager) == MP_ERR_INVALID_ARGUMENT);
    mp_request_free(req);
}

static void batch_of_reads(void) {
    mp_batch *batch = NULL;
    mp_request *req = NULL;
    long long ids[40];
    size_t i, idx;
    char id[32];
    long before;
    for (i = 0; i < 40; i++) {
        mp_response *res = NULL;
        REQUIRE(pay(client, "APRO", 10 + (double)i, 1, "batch", &res) == MP_OK);
        ids[i] = int_at(res, "/id");
        mp_response_free(res);
    }
    REQUIRE(mp_batch_new(&batch) == MP_OK);
    mp_request_new(&req);
    for (i = 0; i < 40; i++) {
        sprintf(id, "%lld", ids[i]);
        mp_request_reset(req);
        mp_request_set_path_param(req, "id", id);
        REQUIRE(mp_batch_add(batch, "payments.get", req, &idx) == MP_OK);
        CHECK(idx == i);
    }
    /* One call that is refused locally and one the API refuses. */
    mp_request_reset(req);
    REQUIRE(mp_batch_add(batch, "payments.get", req, NULL) == MP_OK); /* no id */
    mp_request_set_path_param(req, "id", "999999999");
    REQUIRE(mp_batch_add(batch, "payments.get", req, NULL) == MP_OK);
    CHECK(mp_batch_size(batch) == 42);
    before = fixture_requests();
    REQUIRE(mp_client_run_batch(client, batch, 8) == MP_OK);
    CHECK(fixture_requests() - before == 41); /* the one with no id was never sent */
    for (i = 0; i < 40; i++) {
        mp_response *res = NULL;
        CHECK(mp_batch_status(batch, i) == MP_OK);
        CHECK(mp_batch_error(batch, i) == NULL);
        REQUIRE(mp_batch_take_response(batch, i, &res) == MP_OK && res != NULL);
        CHECK(int_at(res, "/id") == ids[i]);
        mp_response_free(res);
    }
    CHECK(mp_batch_status(batch, 40) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_batch_status(batch, 41) == MP_ERR_NOT_FOUND);
    REQUIRE(mp_batch_error(batch, 41) != NULL);
    CHECK(mp_error_http_status(mp_batch_error(batch, 41)) == 404);
    CHECK(strlen(mp_error_request_id(mp_batch_error(batch, 41))) == 36);
    mp_batch_free(batch);
    mp_request_free(req);
}

/* The ABI's reasons and argument rules. Signatures that verify are tested in
 * the core tests (RFC 4231 vector) and end to end with the sandbox's
 * signed deliveries. */
static void webhook_abi(void) {
    const char *secrets[] = {"old-secret", "s"};
    mp_webhook_result r = MP_WEBHOOK_OK;
    const char *sig = "ts=100,v1=9cd3d5bfa0e3a62ad9146d15fb5d4bcd3cd2eaa1d6e7a3cd6dc2e2dc7d0f0c29";
    CHECK(mp_webhook_verify(NULL, "r", "1", secrets, 2, 0, 100, &r) == MP_ERR_SIGNATURE);
    CHECK(r == MP_WEBHOOK_MISSING_HEADER);
    CHECK_STR(mp_error_api_error(mp_error_last()), "missing_header");
    CHECK(mp_webhook_verify("v1=ab", "r", "1", secrets, 2, 0, 100, &r) == MP_ERR_SIGNATURE);
    CHECK(r == MP_WEBHOOK_MISSING_TIMESTAMP);
    CHECK(mp_webhook_verify("ts=100", "r", "1", secrets, 2, 0, 100, &r) == MP_ERR_SIGNATURE);
    CHECK(r == MP_WEBHOOK_MISSING_HASH);
    CHECK(mp_webhook_verify("garbage", "r", "1", secrets, 2, 0, 100, &r) == MP_ERR_SIGNATURE);
    CHECK(r == MP_WEBHOOK_MALFORMED_HEADER);
    CHECK(mp_webhook_verify(sig, "r", "1", secrets, 2, 0, 100, &r) == MP_ERR_SIGNATURE);
    CHECK(r == MP_WEBHOOK_MISMATCH);
    CHECK(mp_webhook_verify(sig, "r", "1", NULL, 0, 0, 100, &r) == MP_ERR_INVALID_ARGUMENT);
    CHECK_STR(mp_webhook_result_name(MP_WEBHOOK_OUT_OF_TOLERANCE), "out_of_tolerance");
}

struct log_capture {
    pthread_mutex_t lock;
    char text[65536];
    size_t len;
    int lines;
};

static void capture_log(void *userdata, mp_log_level level, const char *message, size_t len) {
    struct log_capture *c = userdata;
    (void)level;
    pthread_mutex_lock(&c->lock);
    if (c->len + len + 2 < sizeof c->text) {
        memcpy(c->text + c->len, message, len);
        c->len += len;
        c->text[c->len++] = '\n';
        c->text[c->len] = '\0';
    }
    c->lines++;
    pthread_mutex_unlock(&c->lock);
}

static void logging_is_redacted(void) {
    static struct log_capture cap = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};
    mp_client *c = NULL;
    mp_response *res = NULL;
    mp_request *req = NULL;
    char token[64];
    mp_config *cfg = fixture_config(TEST_TOKEN);
    REQUIRE(mp_config_set_log(cfg, capture_log, &cap, MP_LOG_DEBUG) == MP_OK);
    c = fixture_client_of(cfg);

    /* Card data and identification go out in a body; errors come back. */
    REQUIRE(make_card_token(c, CARD_VISA, "123", "APRO", token) == MP_OK);
    CHECK(make_card_token(c, "4509953566233705", "987", "APRO", token) == MP_ERR_VALIDATION);
    CHECK(strstr(mp_error_message(mp_error_last()), TEST_TOKEN) == NULL);
    CHECK(call(c, "payments.get", NULL, "id", "1", NULL, NULL, &res) == MP_ERR_NOT_FOUND);
    mp_response_free(res);
    mp_request_new(&req);
    mp_request_set_access_token(req, OTHER_TOKEN);
    CHECK(mp_client_call(c, "customers.get", req, &res) == MP_ERR_INVALID_ARGUMENT);
    mp_request_set_path_param(req, "id", "nobody");
    CHECK(mp_client_call(c, "customers.get", req, &res) == MP_ERR_NOT_FOUND);
    mp_response_free(res);
    mp_request_free(req);

    CHECK(cap.lines >= 8);
    CHECK(strstr(cap.text, "-> POST /v1/card_tokens") != NULL);
    CHECK(strstr(cap.text, "<- 201") != NULL);
    CHECK(strstr(cap.text, "request id") != NULL);
    CHECK(strstr(cap.text, "[REDACTED]") != NULL);
    CHECK(strstr(cap.text, "APRO") != NULL); /* the body is there, redacted */
    /* Zero hits for any secret. */
    CHECK(strstr(cap.text, TEST_TOKEN) == NULL);
    CHECK(strstr(cap.text, OTHER_TOKEN) == NULL);
    CHECK(strstr(cap.text, CARD_VISA) == NULL);
    CHECK(strstr(cap.text, "4509953566233705") == NULL);
    CHECK(strstr(cap.text, "\"123\"") == NULL);
    CHECK(strstr(cap.text, "\"987\"") == NULL);
    CHECK(strstr(cap.text, "12345678") == NULL);
    if (strstr(cap.text, TEST_TOKEN) || strstr(cap.text, CARD_VISA)) fputs(cap.text, stderr);
    mp_client_free(c);
}

/* mp_client_set_log_level: the level changes for the client's next calls. */
static void log_level_changes_later(void) {
    static struct log_capture cap = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};
    mp_client *c = NULL;
    mp_response *res = NULL;
    int lines;
    mp_config *cfg = fixture_config(TEST_TOKEN);
    REQUIRE(mp_config_set_log(cfg, capture_log, &cap, MP_LOG_DEBUG) == MP_OK);
    c = fixture_client_of(cfg);

    REQUIRE(mp_client_set_log_level(c, 0) == MP_OK);
    CHECK(mp_client_call(c, "identification_types.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    CHECK(cap.lines == 0);
    REQUIRE(mp_client_set_log_level(c, MP_LOG_INFO) == MP_OK);
    CHECK(mp_client_call(c, "identification_types.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    lines = cap.lines;
    CHECK(lines >= 2);
    CHECK(strstr(cap.text, "-> GET /v1/identification_types") != NULL);
    CHECK(strstr(cap.text, "response body") == NULL); /* DEBUG lines stay out */
    REQUIRE(mp_client_set_log_level(c, MP_LOG_DEBUG) == MP_OK);
    CHECK(mp_client_call(c, "identification_types.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    CHECK(strstr(cap.text, "response body") != NULL);
    CHECK(cap.lines > lines);
    CHECK(mp_client_set_log_level(c, 5) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_client_set_log_level(c, -1) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_client_set_log_level(NULL, 1) == MP_ERR_INVALID_ARGUMENT);
    mp_client_free(c);
}

static void fork_keeps_working(void) {
    mp_response *res = NULL;
    pid_t pid;
    int status = 0;
    /* The parent has live keep-alive connections in its pool. */
    REQUIRE(mp_client_call(client, "payment_methods.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int i, ok = 1;
        for (i = 0; i < 5 && ok; i++) {
            mp_response *r = NULL;
            ok = mp_client_call(client, "payment_methods.list", NULL, &r) == MP_OK;
            mp_response_free(r);
        }
        _exit(ok ? 0 : 1);
    }
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* And the parent's own connections were left intact. */
    CHECK(mp_client_call(client, "payment_methods.list", NULL, &res) == MP_OK);
    mp_response_free(res);
}

#define TENANTS 16
struct tenant {
    int index;
    char token[64];
    char customer[96];
    int failures;
};

static void *tenant_worker(void *arg) {
    struct tenant *t = arg;
    int i;
    for (i = 0; i < 10; i++) {
        mp_request *req = NULL;
        mp_response *res = NULL;
        char body[128], key[64], buf[96];
        mp_request_new(&req);
        mp_request_set_access_token(req, t->token);
        if (i == 0) {
            sprintf(body, "{\"email\":\"tenant%d@example.com\"}", t->index);
            sprintf(key, "tenant-%d-create", t->index);
            mp_request_set_body(req, body, strlen(body));
            mp_request_set_idempotency_key(req, key);
            if (mp_client_call(client, "customers.create", req, &res) != MP_OK ||
                strcmp(mp_response_idempotency_key(res), key) != 0)
                t->failures++;
            else
                str_at(res, "/id", t->customer, sizeof t->customer);
        } else {
            /* Each tenant sees its own customer with its own token only. */
            mp_request_set_path_param(req, "id", t->customer);
            if (mp_client_call(client, "customers.get", req, &res) != MP_OK ||
                strcmp(str_at(res, "/email", buf, sizeof buf), "") == 0 ||
                strcmp(mp_response_idempotency_key(res), "") != 0)
                t->failures++;
        }
        mp_response_free(res);
        mp_request_free(req);
    }
    return NULL;
}

static void sixteen_tenants_one_client(void) {
    pthread_t th[TENANTS];
    struct tenant t[TENANTS];
    int i;
    for (i = 0; i < TENANTS; i++) {
        memset(&t[i], 0, sizeof t[i]);
        t[i].index = i;
        sprintf(t[i].token, "TEST-tenant-token-%d", 100000 + i);
        REQUIRE(pthread_create(&th[i], NULL, tenant_worker, &t[i]) == 0);
    }
    for (i = 0; i < TENANTS; i++)
        pthread_join(th[i], NULL);
    for (i = 0; i < TENANTS; i++)
        CHECK(t[i].failures == 0);
    /* Tenant 0's customer is invisible to tenant 1 and to the client's token. */
    {
        mp_request *req = NULL;
        mp_response *res = NULL;
        mp_request_new(&req);
        mp_request_set_access_token(req, t[1].token);
        mp_request_set_path_param(req, "id", t[0].customer);
        CHECK(mp_client_call(client, "customers.get", req, &res) == MP_ERR_NOT_FOUND);
        mp_response_free(res);
        CHECK(call(client, "customers.get", NULL, "id", t[0].customer, NULL, NULL, &res) ==
              MP_ERR_NOT_FOUND);
        mp_response_free(res);
        mp_request_free(req);
    }
}

static void oauth_url(void) {
    char *url = NULL;
    REQUIRE(mp_oauth_authorization_url("1234", "https://shop.example/callback", "xyz", &url) ==
            MP_OK);
    CHECK_STR(url, "https://auth.mercadopago.com/authorization?client_id=1234&response_type=code"
                   "&platform_id=mp&state=xyz&redirect_uri=https%3A%2F%2Fshop.example%2Fcallback");
    mp_string_free(url);
    CHECK(mp_oauth_authorization_url("1234", "http://shop.example/cb", NULL, &url) ==
          MP_ERR_INVALID_ARGUMENT);
    CHECK(url == NULL);
}

static const struct test_case cases[] = {
    {"pager_walks_every_page", pager_walks_every_page},
    {"batch_of_reads", batch_of_reads},
    {"webhook_abi", webhook_abi},
    {"logging_is_redacted", logging_is_redacted},
    {"log_level_changes_later", log_level_changes_later},
    {"fork_keeps_working", fork_keeps_working},
    {"sixteen_tenants_one_client", sixteen_tenants_one_client},
    {"oauth_url", oauth_url},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, &client);
}
