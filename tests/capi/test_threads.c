/* Eight threads share one client: every call succeeds, and no two threads'
 * payments, keys or per-call tokens get mixed up. */
#include "fixture.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 8
#define PER_THREAD 25

static mp_client *client;

struct work {
    int index;
    int failures;
    long long ids[PER_THREAD];
};

static void *worker(void *arg) {
    struct work *w = (struct work *)arg;
    int i;
    char extref[32], buf[64];
    for (i = 0; i < PER_THREAD; i++) {
        mp_response *res = NULL, *got = NULL;
        char id[32];
        sprintf(extref, "thread-%d-%d", w->index, i);
        if (pay(client, "APRO", 10 + i, 1, extref, &res) != MP_OK) {
            w->failures++;
            mp_response_free(res);
            continue;
        }
        w->ids[i] = int_at(res, "/id");
        sprintf(id, "%lld", w->ids[i]);
        if (call(client, "payments.get", NULL, "id", id, NULL, NULL, &got) != MP_OK ||
            strcmp(str_at(got, "/external_reference", buf, sizeof buf), extref) != 0)
            w->failures++;
        mp_response_free(res);
        mp_response_free(got);
    }
    return NULL;
}

static void eight_threads_one_client(void) {
    pthread_t t[THREADS];
    struct work w[THREADS];
    int i, j, k, l;
    memset(w, 0, sizeof w);
    for (i = 0; i < THREADS; i++) {
        w[i].index = i;
        REQUIRE(pthread_create(&t[i], NULL, worker, &w[i]) == 0);
    }
    for (i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < THREADS; i++)
        CHECK(w[i].failures == 0);
    /* All 200 payments are distinct. */
    for (i = 0; i < THREADS; i++)
        for (j = 0; j < PER_THREAD; j++)
            for (k = i; k < THREADS; k++)
                for (l = (k == i ? j + 1 : 0); l < PER_THREAD; l++)
                    if (w[i].ids[j] == w[k].ids[l]) CHECK(!"duplicate payment id");
}

static const struct test_case cases[] = {
    {"eight_threads_one_client", eight_threads_one_client},
    {NULL, NULL},
};

int main(int argc, char **argv) {
    return fixture_main(argc, argv, cases, &client);
}
