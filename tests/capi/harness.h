/* A minimal C test harness: each test file lists its cases in a table; the
 * program runs them all (or those named on the command line) and ends with
 * the line "N passed, M failed". */
#ifndef MP_TEST_HARNESS_H
#define MP_TEST_HARNESS_H

#include <setjmp.h>
#include <stdio.h>

struct test_case {
    const char *name;
    void (*fn)(void);
};

extern jmp_buf harness_abort;
extern int harness_failures;

void harness_fail(const char *file, int line, const char *what);
int harness_main(int argc, char **argv, const struct test_case *cases);

/* CHECK records a failure and goes on; REQUIRE ends the case. */
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) harness_fail(__FILE__, __LINE__, #cond);                                      \
    } while (0)
#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            harness_fail(__FILE__, __LINE__, #cond);                                               \
            longjmp(harness_abort, 1);                                                             \
        }                                                                                          \
    } while (0)
#define CHECK_STR(a, b) CHECK((a) != NULL && (b) != NULL && strcmp((a), (b)) == 0)

#endif
