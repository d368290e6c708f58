/* One embedded sandbox (HTTPS) per test program, and helpers that run the
 * common steps of a checkout through the C API. */
#ifndef MP_TEST_FIXTURE_H
#define MP_TEST_FIXTURE_H

#include "mercadopago.h"
#include "mp_sandbox.h"

#include <stddef.h>

/* An obviously fake token of the accepted shape; the sandbox takes the
 * trailing digits as the collector (user) id. */
#define TEST_TOKEN "TEST-sandbox-token-1234567"
#define OTHER_TOKEN "TEST-sandbox-token-7654321"

#define CARD_VISA "4509953566233704"
#define CARD_MASTER "5031755734530604"
#define CARD_AMEX "371180303257522"

mp_sandbox *fixture_sandbox(void);
/* A configuration for the sandbox over HTTPS (base URL, CA) with this
 * token, to add options to; fixture_client_of makes the client and frees it. */
mp_config *fixture_config(const char *token);
mp_client *fixture_client_of(mp_config *cfg);
/* A client of the sandbox over HTTPS, trusting its CA. Caller frees. */
mp_client *fixture_client(void);
/* Requests the sandbox has served so far. */
long fixture_requests(void);

/* Calls op with an optional body and up to two path params (NULL to skip). */
mp_status call(mp_client *c, const char *op, const char *body, const char *p1, const char *v1,
               const char *p2, const char *v2, mp_response **out);

/* Tokenizes a test card for a cardholder name; writes the token id into
 * out (size >= 64). Returns MP_OK or the failing status. */
mp_status make_card_token(mp_client *c, const char *card, const char *cvv, const char *name,
                          char *out);
/* Creates a payment paid with a new token for that cardholder name. */
mp_status pay(mp_client *c, const char *name, double amount, int capture, const char *extref,
              mp_response **out);
/* Copies the string at pointer into out (size n); "" when absent. */
const char *str_at(mp_response *r, const char *pointer, char *out, size_t n);
/* The int64 at pointer, or -1. */
long long int_at(mp_response *r, const char *pointer);
double num_at(mp_response *r, const char *pointer);

/* Arms a fault sequence in the sandbox (mp_sandbox_fault_arm, one fault after
 * the other): faults is a JSON array of the faults' text forms, such as
 * "[\"503\",\"429:1\",\"ok\"]", for requests matching method and path prefix. */
void fixture_arm(const char *method, const char *path, const char *faults);
void fixture_disarm(void);
/* A client with fast retries (base delay 20 ms) for fault tests. Caller frees. */
mp_client *fixture_retry_client(int max_retries, long timeout_ms);

void fixture_teardown(void);

struct test_case;
/* The main of a test program: makes *client (when not NULL), runs the cases
 * named on the command line (or all), then frees the client and the sandbox. */
int fixture_main(int argc, char **argv, const struct test_case *cases, mp_client **client);

#endif
