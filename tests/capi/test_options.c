/* The tables the bindings build their surface from (options, error classes,
 * path parameters, the version), and options set by name against the
 * sandbox: what a name sets, and what it refuses. */
#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mp_client *client;

static int message_has(const char *needle) {
    const mp_error *e = mp_error_last();
    return e != NULL && strstr(mp_error_message(e), needle) != NULL;
}

static void the_option_table_is_well_formed(void) {
    size_t i, j, n = mp_option_count();
    int scopes = 0;
    CHECK(n >= 19);
    for (i = 0; i < n; i++) {
        const char *name = mp_option_name(i);
        REQUIRE(name != NULL && *name != '\0');
        CHECK(mp_option_value_type(i) >= MP_OPTION_STRING &&
              mp_option_value_type(i) <= MP_OPTION_HEADERS);
        CHECK(mp_option_arity(i) >= 1);
        CHECK(mp_option_scope(i) != 0 && (mp_option_scope(i) & ~7) == 0);
        CHECK(mp_option_doc(i) != NULL && strlen(mp_option_doc(i)) > 10);
        scopes |= mp_option_scope(i);
        for (j = 0; j < i; j++)
            CHECK(strcmp(mp_option_name(j), name) != 0);
    }
    CHECK(scopes == (MP_OPTION_CLIENT | MP_OPTION_CALL | MP_OPTION_PAGES));
    CHECK(mp_option_name(n) == NULL && mp_option_doc(n) == NULL);
    CHECK(mp_option_arity(n) == 0 && mp_option_scope(n) == 0);
}

/* A value every option of a type accepts. */
static const char *sample(size_t i) {
    switch (mp_option_value_type(i)) {
    case MP_OPTION_STRING:
        return strcmp(mp_option_name(i), "base_url") == 0 ? "https://example.test" : "TEST-sample";
    case MP_OPTION_INT:
        return strcmp(mp_option_name(i), "max_response_bytes") == 0 ? "4096" : "3";
    case MP_OPTION_SECONDS:
        return mp_option_arity(i) == 3 ? "0.5, 5, 30" : "2.5";
    case MP_OPTION_BOOL:
        return "true";
    case MP_OPTION_HEADERS:
        return "X-Meli-Session-Id: abc";
    }
    return "";
}

static void every_option_is_set_by_name_in_its_scope_only(void) {
    size_t i, n = mp_option_count();
    mp_config *cfg = NULL;
    mp_request *req = NULL;
    REQUIRE(mp_config_new(&cfg) == MP_OK && mp_request_new(&req) == MP_OK);
    for (i = 0; i < n; i++) {
        const char *name = mp_option_name(i);
        int scope = mp_option_scope(i);
        mp_status on_client = mp_config_set_option(cfg, name, sample(i));
        mp_status on_call = mp_request_set_option(req, name, sample(i));
        if (on_client != ((scope & MP_OPTION_CLIENT) ? MP_OK : MP_ERR_INVALID_ARGUMENT) ||
            on_call !=
                ((scope & (MP_OPTION_CALL | MP_OPTION_PAGES)) ? MP_OK : MP_ERR_INVALID_ARGUMENT))
            fprintf(stderr, "  %s: client %s, call %s\n", name, mp_status_name(on_client),
                    mp_status_name(on_call));
        CHECK(on_client == ((scope & MP_OPTION_CLIENT) ? MP_OK : MP_ERR_INVALID_ARGUMENT));
        CHECK(on_call ==
              ((scope & (MP_OPTION_CALL | MP_OPTION_PAGES)) ? MP_OK : MP_ERR_INVALID_ARGUMENT));
    }
    mp_request_free(req);
    mp_config_free(cfg);
}

static void bad_names_and_values_are_refused_without_echoing_the_value(void) {
    mp_config *cfg = NULL;
    mp_request *req = NULL;
    REQUIRE(mp_config_new(&cfg) == MP_OK && mp_request_new(&req) == MP_OK);
    CHECK(mp_config_set_option(cfg, "timeoutt", "1") == MP_ERR_INVALID_ARGUMENT);
    CHECK(message_has("unknown option 'timeoutt'") && message_has("connect_timeout"));
    CHECK(mp_config_set_option(cfg, "idempotency_key", "k") == MP_ERR_INVALID_ARGUMENT);
    CHECK(message_has("per call"));
    CHECK(mp_request_set_option(req, "base_url", "https://x.test") == MP_ERR_INVALID_ARGUMENT);
    CHECK(message_has("on the client"));
    CHECK(mp_config_set_option(cfg, "timeout", "soon") == MP_ERR_INVALID_ARGUMENT);
    CHECK(message_has("'timeout'") && !message_has("soon"));
    CHECK(mp_config_set_option(cfg, "timeout", "-1") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "timeout", "86401") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "timeout", "0") ==
          MP_ERR_INVALID_ARGUMENT); /* no timeout is no call */
    CHECK(mp_config_set_option(cfg, "timeout", "nan") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "timeout", NULL) == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "retry_delays", "1,2") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "retry_delays", "5,1,2") ==
          MP_ERR_INVALID_ARGUMENT); /* max < base */
    CHECK(message_has("'retry_delays'"));
    CHECK(mp_config_set_option(cfg, "max_retries", "11") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "max_retries", "2x") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "proxy_from_environment", "yes") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "max_response_bytes", "100") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, "access_token", "APP_USR-FAKE with space") ==
          MP_ERR_INVALID_ARGUMENT);
    CHECK(!message_has("FAKE"));
    CHECK(mp_request_set_option(req, "headers", "no colon") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_request_set_option(req, "page_size", "0") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_request_set_option(req, "idempotency_key", "") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(NULL, "timeout", "1") == MP_ERR_INVALID_ARGUMENT);
    CHECK(mp_config_set_option(cfg, NULL, "1") == MP_ERR_INVALID_ARGUMENT);
    mp_request_free(req);
    mp_config_free(cfg);
}

/* A client built by names only reaches the sandbox, and its timeout is
 * seconds: a 2.5 s timeout gives up on an 8 s delay. (2.5 s leaves room for a
 * TLS handshake under ThreadSanitizer on a loaded machine: 0.3 s did not.) */
static void a_client_made_by_names_calls_and_keeps_its_timeout(void) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_response *res = NULL;
    mp_status st;
    REQUIRE(mp_config_new(&cfg) == MP_OK);
    REQUIRE(mp_config_set_option(cfg, "access_token", TEST_TOKEN) == MP_OK);
    REQUIRE(mp_config_set_option(cfg, "base_url", mp_sandbox_url(fixture_sandbox())) == MP_OK);
    REQUIRE(mp_config_set_option(cfg, "ca_pem", mp_sandbox_ca_pem(fixture_sandbox())) == MP_OK);
    REQUIRE(mp_config_set_option(cfg, "timeout", "2.5") == MP_OK);
    REQUIRE(mp_config_set_option(cfg, "max_retries", "0") == MP_OK);
    REQUIRE(mp_client_new(cfg, &c) == MP_OK);
    CHECK(mp_client_call(c, "payment_methods.list", NULL, &res) == MP_OK);
    mp_response_free(res);
    fixture_arm("GET", "/v1/payment_methods", "[\"delay:8000\"]");
    st = mp_client_call(c, "payment_methods.list", NULL, &res);
    CHECK(st == MP_ERR_TIMEOUT && res == NULL);
    fixture_disarm();
    mp_client_free(c);
    mp_config_free(cfg);
}

/* Per-call options by name: the idempotency key is the one sent, and
 * page_size is the pager's page. */
static void per_call_options_by_name_reach_the_call(void) {
    mp_request *req = NULL;
    mp_response *res = NULL, *page = NULL;
    mp_pager *pager = NULL;
    char extref[64];
    int i, pages = 0;
    mp_request_new(&req);
    REQUIRE(mp_request_set_option(req, "idempotency_key", "options-by-name-1") == MP_OK);
    REQUIRE(mp_request_set_option(req, "headers", "X-Meli-Session-Id: device-1") == MP_OK);
    REQUIRE(mp_request_set_option(req, "timeout", "30") == MP_OK);
    REQUIRE(mp_request_set_option(req, "max_retries", "1") == MP_OK);
    {
        const char *body = "{\"email\":\"options-by-name@example.test\"}";
        mp_request_set_body(req, body, strlen(body));
    }
    REQUIRE(mp_client_call(client, "customers.create", req, &res) == MP_OK);
    CHECK_STR(mp_response_idempotency_key(res), "options-by-name-1");
    mp_response_free(res);
    /* A header that is the client's own is refused before anything is sent. */
    REQUIRE(mp_request_set_option(req, "headers", "Authorization: Bearer x") == MP_OK);
    {
        long before = fixture_requests();
        CHECK(mp_client_call(client, "customers.create", req, &res) == MP_ERR_INVALID_ARGUMENT);
        CHECK(res == NULL && fixture_requests() == before);
    }
    mp_request_free(req);

    sprintf(extref, "options-%ld", fixture_requests());
    for (i = 0; i < 7; i++) {
        REQUIRE(pay(client, "APRO", 10 + i, 1, extref, &res) == MP_OK);
        mp_response_free(res);
    }
    mp_request_new(&req);
    mp_request_add_query(req, "external_reference", extref);
    REQUIRE(mp_request_set_option(req, "page_size", "3") == MP_OK);
    REQUIRE(mp_pager_new(client, "payments.search", req, 0, &pager) == MP_OK);
    while (mp_pager_next_page(pager, &page) == MP_OK) {
        size_t n = 0;
        mp_response_get_length(page, "/results", &n);
        CHECK(n == (pages < 2 ? 3u : 1u));
        pages++;
        mp_response_free(page);
    }
    CHECK(pages == 3);
    mp_pager_free(pager);
    /* The pager's own argument wins over the option. */
    REQUIRE(mp_pager_new(client, "payments.search", req, 7, &pager) == MP_OK);
    REQUIRE(mp_pager_next_page(pager, &page) == MP_OK);
    {
        size_t n = 0;
        mp_response_get_length(page, "/results", &n);
        CHECK(n == 7);
    }
    mp_response_free(page);
    mp_pager_free(pager);
    mp_request_free(req);
}

static void path_parameters_come_from_the_table(void) {
    size_t i, n = mp_operation_count(), refunds_get = n, create = n;
    for (i = 0; i < n; i++) {
        size_t j, count = mp_operation_path_param_count(i);
        const char *path = mp_operation_path(i);
        size_t braces = 0;
        const char *p;
        for (p = path; *p; p++)
            braces += *p == '{';
        CHECK(count == braces);
        for (j = 0; j < count; j++) {
            char wanted[80];
            sprintf(wanted, "{%s}", mp_operation_path_param(i, j));
            CHECK(strstr(path, wanted) != NULL);
        }
        CHECK(mp_operation_path_param(i, count) == NULL);
        if (strcmp(mp_operation_name(i), "refunds.get") == 0) refunds_get = i;
        if (strcmp(mp_operation_name(i), "payments.create") == 0) create = i;
    }
    REQUIRE(refunds_get < n && create < n);
    CHECK(mp_operation_path_param_count(refunds_get) == 2);
    CHECK_STR(mp_operation_path_param(refunds_get, 0), "payment_id");
    CHECK_STR(mp_operation_path_param(refunds_get, 1), "id");
    CHECK(mp_operation_path_param_count(create) == 0);
    CHECK(mp_operation_path_param_count(n) == 0 && mp_operation_path_param(n, 0) == NULL);
}

static void every_status_has_one_error_class_under_a_known_parent(void) {
    size_t i, j, n = mp_error_class_count();
    int code;
    for (code = -1; code >= MP_STATUS_MIN; code--) {
        int found = 0;
        for (i = 0; i < n; i++)
            found += mp_error_class_status(i) == code;
        CHECK(found == (code == MP_ITER_OVER ? 0 : 1));
    }
    for (i = 0; i < n; i++) {
        const char *parent = mp_error_class_parent(i);
        int known = *parent == '\0';
        for (j = 0; j < i; j++)
            known |= strcmp(mp_error_class_name(j), parent) == 0;
        CHECK(known); /* parents come first */
        CHECK(strlen(mp_error_class_doc(i)) > 5);
        if (mp_error_class_status(i) != 0)
            CHECK(strcmp(mp_status_name(mp_error_class_status(i)), "unknown") != 0);
    }
    CHECK(mp_error_class_name(n) == NULL && mp_error_class_status(n) == MP_OK);
}

/* The header's version, the library's and the build's (CMake's project()) agree. */
static void the_version_is_the_projects(void) {
    char numbers[32];
    sprintf(numbers, "%d.%d.%d", MP_VERSION_MAJOR, MP_VERSION_MINOR, MP_VERSION_PATCH);
    CHECK_STR(MP_VERSION_STRING, numbers);
    CHECK_STR(mp_version(), MP_TEST_PROJECT_VERSION);
    CHECK(mp_version_number() ==
          (unsigned)((MP_VERSION_MAJOR << 16) | (MP_VERSION_MINOR << 8) | MP_VERSION_PATCH));
}

int main(int argc, char **argv) {
    static const struct test_case cases[] = {
        {"option table", the_option_table_is_well_formed},
        {"set by name in scope", every_option_is_set_by_name_in_its_scope_only},
        {"refusals", bad_names_and_values_are_refused_without_echoing_the_value},
        {"client by names", a_client_made_by_names_calls_and_keeps_its_timeout},
        {"per-call by names", per_call_options_by_name_reach_the_call},
        {"path params", path_parameters_come_from_the_table},
        {"error classes", every_status_has_one_error_class_under_a_known_parent},
        {"version", the_version_is_the_projects},
        {NULL, NULL}};
    return fixture_main(argc, argv, cases, &client);
}
