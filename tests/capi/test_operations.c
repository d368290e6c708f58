/* Every operation of the table reaches a route of the sandbox, and the
 * stateful families (preferences, merchant orders, subscriptions, orders)
 * work end to end. */
#include "fixture.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mp_client *client;

/* Fills each {param} of the path with a placeholder. */
static void fill_params(mp_request *req, const char *path) {
    const char *p = path;
    while ((p = strchr(p, '{')) != NULL) {
        char name[64];
        const char *end = strchr(p, '}');
        size_t n = (size_t)(end - p - 1);
        memcpy(name, p + 1, n);
        name[n] = '\0';
        mp_request_set_path_param(req, name, "1");
        p = end + 1;
    }
}

static void every_operation_is_routed(void) {
    size_t i, n = mp_operation_count();
    CHECK(n >= 85);
    for (i = 0; i < n; i++) {
        mp_request *req = NULL;
        mp_response *res = NULL;
        mp_status st;
        const char *name = mp_operation_name(i);
        mp_request_new(&req);
        fill_params(req, mp_operation_path(i));
        if (mp_operation_has_body(i)) mp_request_set_body(req, "{}", 2);
        st = mp_client_call(client, name, req, &res);
        /* An answer from the API, whatever it thinks of the placeholders, from the
         * sandbox's route of this very method and path template. */
        if (res == NULL) {
            fprintf(stderr, "  %s: no answer (%s)\n", name, mp_status_name(st));
            CHECK(!"an answer");
        } else {
            const char *route = mp_response_header(res, "X-Sandbox-Route");
            char wanted[256];
            sprintf(wanted, "%s %s", mp_operation_method(i), mp_operation_path(i));
            if (route == NULL || strcmp(route, wanted) != 0) {
                fprintf(stderr, "  %s: wanted the route %s, answered by %s (HTTP %d)\n", name,
                        wanted, route ? route : "none", mp_response_http_status(res));
                CHECK(!"the operation's own route");
            }
            CHECK(strlen(mp_response_request_id(res)) == 36);
        }
        mp_response_free(res);
        mp_request_free(req);
    }
}

static mp_response *must(const char *op, const char *body, const char *p1, const char *v1) {
    mp_response *res = NULL;
    mp_status st = call(client, op, body, p1, v1, NULL, NULL, &res);
    if (st != MP_OK) fprintf(stderr, "  %s: %s\n", op, mp_response_body(res, NULL));
    CHECK(st == MP_OK);
    return res;
}

static void preferences(void) {
    mp_response *res;
    char id[128], buf[256];
    res = must("preferences.create",
               "{\"items\":[{\"title\":\"Ticket\",\"quantity\":2,\"unit_price\":50,\"currency_id\":"
               "\"BRL\"}],"
               "\"external_reference\":\"pref-1\",\"back_urls\":{\"success\":\"https://"
               "shop.example/ok\"}}",
               NULL, NULL);
    CHECK(mp_response_http_status(res) == 201);
    str_at(res, "/id", id, sizeof id);
    CHECK(strlen(id) > 0);
    CHECK(strlen(str_at(res, "/init_point", buf, sizeof buf)) > 0);
    mp_response_free(res);
    res = must("preferences.update", "{\"external_reference\":\"pref-2\"}", "id", id);
    mp_response_free(res);
    res = must("preferences.get", NULL, "id", id);
    CHECK_STR(str_at(res, "/external_reference", buf, sizeof buf), "pref-2");
    mp_response_free(res);
    {
        mp_pager *pager = NULL;
        const char *item;
        size_t len;
        int found = 0;
        REQUIRE(mp_pager_new(client, "preferences.search", NULL, 10, &pager) == MP_OK);
        while (mp_pager_next_item(pager, &item, &len) == MP_OK)
            if (strstr(item, id)) found++;
        CHECK(found == 1);
        mp_pager_free(pager);
    }
}

static void merchant_orders(void) {
    mp_response *res;
    char id[64];
    res = must("merchant_orders.create",
               "{\"external_reference\":\"mo-1\",\"items\":[{\"title\":\"Book\",\"quantity\":1,"
               "\"unit_price\":30}]}",
               NULL, NULL);
    sprintf(id, "%lld", int_at(res, "/id"));
    mp_response_free(res);
    res = must("merchant_orders.get", NULL, "id", id);
    CHECK(int_at(res, "/id") == atoll(id));
    mp_response_free(res);
    res = must("merchant_orders.update", "{\"notification_url\":\"https://shop.example/n\"}", "id",
               id);
    mp_response_free(res);
    res = must("merchant_orders.search", NULL, NULL, NULL);
    CHECK(mp_response_exists(res, "/elements"));
    mp_response_free(res);
}

static void subscriptions(void) {
    mp_response *res;
    char plan[96], sub[96], buf[64];
    res = must(
        "preapproval_plan.create",
        "{\"reason\":\"Gold\",\"auto_recurring\":{\"frequency\":1,\"frequency_type\":\"months\","
        "\"transaction_amount\":20,\"currency_id\":\"BRL\"},\"back_url\":\"https://shop.example\"}",
        NULL, NULL);
    str_at(res, "/id", plan, sizeof plan);
    CHECK(strlen(plan) > 0);
    mp_response_free(res);
    {
        char body[512];
        sprintf(body,
                "{\"preapproval_plan_id\":\"%s\",\"reason\":\"Gold\",\"payer_email\":\"test_user_1@"
                "testuser.com\","
                "\"auto_recurring\":{\"frequency\":1,\"frequency_type\":\"months\",\"transaction_"
                "amount\":20,"
                "\"currency_id\":\"BRL\"},\"back_url\":\"https://"
                "shop.example\",\"status\":\"pending\"}",
                plan);
        res = must("preapproval.create", body, NULL, NULL);
    }
    str_at(res, "/id", sub, sizeof sub);
    mp_response_free(res);
    res = must("preapproval.update", "{\"status\":\"cancelled\"}", "id", sub);
    mp_response_free(res);
    res = must("preapproval.get", NULL, "id", sub);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "cancelled");
    mp_response_free(res);
    res = must("preapproval_plan.get", NULL, "id", plan);
    mp_response_free(res);
}

static void orders(void) {
    mp_response *res;
    char token[64], body[1024], id[96], buf[64];
    REQUIRE(make_card_token(client, CARD_MASTER, "123", "APRO", token) == MP_OK);
    sprintf(body,
            "{\"type\":\"online\",\"processing_mode\":\"automatic\",\"total_amount\":\"100.00\","
            "\"external_reference\":\"ord-1\",\"payer\":{\"email\":\"test_user_2@testuser.com\"},"
            "\"transactions\":{\"payments\":[{\"amount\":\"100.00\",\"payment_method\":{\"id\":"
            "\"master\","
            "\"type\":\"credit_card\",\"token\":\"%s\",\"installments\":1}}]}}",
            token);
    res = must("orders.create", body, NULL, NULL);
    str_at(res, "/id", id, sizeof id);
    CHECK(strlen(id) > 0);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "processed");
    mp_response_free(res);
    res = must("orders.get", NULL, "id", id);
    mp_response_free(res);
    res = must("orders.refund", NULL, "id", id);
    CHECK_STR(str_at(res, "/status", buf, sizeof buf), "refunded");
    mp_response_free(res);
    /* A refunded order cannot be cancelled. */
    CHECK(call(client, "orders.cancel", NULL, "id", id, NULL, NULL, &res) == MP_ERR_CONFLICT);
    mp_response_free(res);
    /* Search pages under "data" with a string total. */
    {
        mp_pager *pager = NULL;
        const char *item;
        size_t len, n = 0;
        REQUIRE(mp_pager_new(client, "orders.search", NULL, 2, &pager) == MP_OK);
        while (mp_pager_next_item(pager, &item, &len) == MP_OK)
            n++;
        CHECK(n >= 1);
        CHECK(mp_pager_total(pager) == (int64_t)n);
        mp_pager_free(pager);
    }
}

static const struct test_case cases[] = {
    {"every_operation_is_routed", every_operation_is_routed},
    {"preferences", preferences},
    {"merchant_orders", merchant_orders},
    {"subscriptions", subscriptions},
    {"orders", orders},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, &client);
}
