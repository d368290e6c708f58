#include "harness.h"

#include "mercadopago.h"

#include <string.h>

jmp_buf harness_abort;
int harness_failures;

void harness_fail(const char *file, int line, const char *what) {
    const mp_error *e = mp_error_last();
    fprintf(stderr, "  FAILED %s:%d: %s\n", file, line, what);
    if (e)
        fprintf(stderr, "    last error: [%s] %s\n", mp_status_name(mp_error_status(e)),
                mp_error_message(e));
    harness_failures++;
}

static int wanted(int argc, char **argv, const char *name) {
    int i;
    if (argc < 2) return 1;
    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

/* setjmp in a function of its own, with nothing live after a longjmp: the
 * caller's counters cannot be clobbered (GCC's -Wclobbered at -O2). */
static void run_case(void (*fn)(void)) {
    if (setjmp(harness_abort) == 0) fn();
}

int harness_main(int argc, char **argv, const struct test_case *cases) {
    int passed = 0, failed = 0;
    const struct test_case *t;
    for (t = cases; t->name; t++) {
        int before = harness_failures;
        if (!wanted(argc, argv, t->name)) continue;
        printf("- %s\n", t->name);
        fflush(stdout);
        mp_error_clear();
        run_case(t->fn);
        if (harness_failures == before) {
            passed++;
        } else {
            failed++;
            printf("  FAILED: %s\n", t->name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
