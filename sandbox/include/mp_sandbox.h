/*
 * mp_sandbox.h - embed the local Mercado Pago emulator in any program.
 *
 * The sandbox serves the Mercado Pago API from memory (sandbox/README.md says
 * what it emulates), over HTTP, or over HTTPS with a CA (generated at start,
 * or kept in files) that signs a certificate for 127.0.0.1, localhost and the
 * names asked for.
 *
 * Conventions (those of mercadopago.h, the client's header):
 * - Every handle is opaque; no struct layout is part of the ABI.
 * - Every fallible function returns an mp_sandbox_status: MP_SANDBOX_OK (0)
 *   or a named negative value. Results come back through out-parameters,
 *   always last.
 * - After a failure, mp_sandbox_last_error() says why. The text belongs to the
 *   calling thread and lives until that thread's next mp_sandbox_ call that
 *   fails.
 * - "Caller frees" is said of every handle a function creates; the matching
 *   free (mp_sandbox_options_free, mp_sandbox_fault_free, mp_sandbox_stop)
 *   accepts NULL. Pointers returned by getters are borrowed: they live as long
 *   as the handle they came from and must not be freed.
 * - Strings are UTF-8 and copied when passed in. No function lets a C++
 *   exception escape. Nothing here speaks HTTP to the sandbox: faults and
 *   resets act on it directly.
 *
 * Threads and lifetimes, handle by handle:
 * - mp_sandbox_options: one thread at a time. mp_sandbox_start copies it: free
 *   it or change it at once.
 * - mp_sandbox: its own server threads serve requests. Every function taking
 *   it may be called from any thread, at the same time, until mp_sandbox_stop,
 *   which must be the last call on the handle (and not made while another
 *   thread still uses it). The strings it returns live until mp_sandbox_stop.
 *   A client of the sandbox may outlive it (its calls then fail with a
 *   network error).
 * - mp_sandbox_fault: one thread at a time. mp_sandbox_fault_arm copies it:
 *   free it, change it or arm it again at once.
 *
 * C89-clean; compiles as C++.
 */
#ifndef MP_SANDBOX_H
#define MP_SANDBOX_H

#include <stddef.h>

#if defined(_WIN32)
#define MP_SANDBOX_EXTERN __declspec(dllexport)
#else
#define MP_SANDBOX_EXTERN __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status and errors ------------------------------------------------- */

typedef enum mp_sandbox_status {
    MP_SANDBOX_OK = 0,
    MP_SANDBOX_ERR_INVALID_ARGUMENT = -1, /* a NULL handle, a value out of range */
    MP_SANDBOX_ERR_START = -2,            /* the server could not start (e.g. port in use) */
    MP_SANDBOX_ERR_IO = -3,               /* a file could not be written */
    MP_SANDBOX_ERR_NO_MEMORY = -4,
    MP_SANDBOX_ERR_INTERNAL = -5 /* a bug in the sandbox: please report it */
} mp_sandbox_status;

/* A stable identifier for a status: "ok", "invalid_argument", "start", "io",
 * "no_memory", "internal"; "unknown" for any other value. Static storage. */
MP_SANDBOX_EXTERN const char *mp_sandbox_status_name(mp_sandbox_status status);

/* Why the last failing call on this thread failed ("" when none has). Borrowed;
 * never NULL. */
MP_SANDBOX_EXTERN const char *mp_sandbox_last_error(void);

/* ---- Options ----------------------------------------------------------- */

typedef struct mp_sandbox_options mp_sandbox_options;

/* Options with the defaults: host "127.0.0.1", port 0 (a free port is picked),
 * TLS off (plain HTTP, as the mp-sandbox program), no webhook secret. Caller
 * frees with mp_sandbox_options_free. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_new(mp_sandbox_options **out);
MP_SANDBOX_EXTERN void mp_sandbox_options_free(mp_sandbox_options *options);

/* The address to listen on, e.g. "127.0.0.1", "::1", or "0.0.0.0" / "::" for
 * every interface (mp_sandbox_url then names 127.0.0.1 / [::1]). Copied. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_host(mp_sandbox_options *options,
                                                                const char *host);
/* 0 to 65535; 0 picks a free port (mp_sandbox_port says which). */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_port(mp_sandbox_options *options,
                                                                int port);
/* How long an idle keep-alive connection stays open, 1 to 3600 seconds
 * (default 5, short: each open connection holds one of the server's 128
 * threads). A benchmark of long-lived clients raises it, as a production
 * API server keeps connections longer. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_keep_alive(mp_sandbox_options *options,
                                                                      int seconds);
/* The server's threads, 8 to 4096 (default 128): each serves one connection
 * at a time, for as long as it stays open (idle keep-alive time included),
 * so at most that many connections are served at once. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_threads(mp_sandbox_options *options,
                                                                   int threads);
/* Nonzero serves HTTPS with a CA made at start (mp_sandbox_ca_pem); 0 serves
 * plain HTTP (the default). */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_tls(mp_sandbox_options *options, int on);
/* The secret that signs webhook deliveries (x-signature); NULL or "" for none.
 * Copied. */
MP_SANDBOX_EXTERN mp_sandbox_status
mp_sandbox_options_set_webhook_secret(mp_sandbox_options *options, const char *secret);
/* The site ("MLA", "MLB", "MLM", "MLC", "MCO", "MPE" or "MLU") of every account
 * that has none of its own: its currency, payment methods, identification types
 * and test cards. Default "MLB". Another value: MP_SANDBOX_ERR_INVALID_ARGUMENT.
 * Copied. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_site(mp_sandbox_options *options,
                                                                const char *site_id);

/* A name the server certificate carries too, besides 127.0.0.1, ::1,
 * localhost and the listening address when it is not 0.0.0.0 or ::: a DNS
 * name ("mp-sandbox", "api.mercadopago.com") or an IP address. Call once per
 * name; for HTTPS from other hosts or containers. Needs TLS (mp_sandbox_start
 * fails with MP_SANDBOX_ERR_INVALID_ARGUMENT otherwise). Copied.
 * MP_SANDBOX_ERR_INVALID_ARGUMENT for anything but a name or an address. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_add_tls_name(mp_sandbox_options *options,
                                                                    const char *name);
/* The CA that signs the server certificate, kept in two PEM files so that
 * every start signs with the same CA (a client installs it once). When
 * mp_sandbox_start runs: both files exist, the CA is loaded from them (an
 * unencrypted key matching a CA certificate still valid); neither exists, a
 * new CA (valid ten years) is made and written there, the key with mode 0600;
 * anything else (one file only, unreadable, mismatched) fails with
 * MP_SANDBOX_ERR_START and a message naming the file. Both NULL (or "") go
 * back to the default: a CA made in memory at start. Needs TLS. Copied.
 * MP_SANDBOX_ERR_INVALID_ARGUMENT when only one is given or both are the same. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_options_set_ca_files(mp_sandbox_options *options,
                                                                    const char *cert_path,
                                                                    const char *key_path);

/* ---- The sandbox ------------------------------------------------------- */

/* The sandbox's version, "0.1.0": the project's (MP_VERSION_STRING of the
 * client's mercadopago.h), as built into this library. Static storage. */
MP_SANDBOX_EXTERN const char *mp_sandbox_version(void);

typedef struct mp_sandbox mp_sandbox;

/* Starts a sandbox with these options (NULL: the defaults) and returns it in
 * *out once it accepts connections. Caller frees with mp_sandbox_stop. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_start(const mp_sandbox_options *options,
                                                     mp_sandbox **out);

/* Stops the server, waits for its threads and frees the handle. NULL is a no-op. */
MP_SANDBOX_EXTERN void mp_sandbox_stop(mp_sandbox *sandbox);

/* Base URL, e.g. "https://127.0.0.1:41234" (no trailing slash). Borrowed;
 * NULL for a NULL sandbox. */
MP_SANDBOX_EXTERN const char *mp_sandbox_url(const mp_sandbox *sandbox);

/* The port actually bound; 0 for a NULL sandbox. */
MP_SANDBOX_EXTERN int mp_sandbox_port(const mp_sandbox *sandbox);

/* PEM of the CA that signed the server certificate; NULL without TLS. Borrowed. */
MP_SANDBOX_EXTERN const char *mp_sandbox_ca_pem(const mp_sandbox *sandbox);

/* Writes the CA PEM to path (for clients that take a CA file).
 * MP_SANDBOX_ERR_INVALID_ARGUMENT without TLS, MP_SANDBOX_ERR_IO when the file
 * cannot be written. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_write_ca(const mp_sandbox *sandbox,
                                                        const char *path);

/* Requests served so far (all routes, controls included), for tests that must
 * prove a request was or was not sent; 0 for a NULL sandbox. */
MP_SANDBOX_EXTERN long mp_sandbox_request_count(const mp_sandbox *sandbox);

/* Connections accepted so far, and TLS handshakes completed (with, in
 * *resumed when not NULL, how many resumed an earlier session): for tests
 * and benchmarks of connection reuse. 0 for a NULL sandbox. Also in
 * GET /__sandbox/health ("connections", "tls_handshakes", "tls_resumed"). */
MP_SANDBOX_EXTERN long mp_sandbox_connection_count(const mp_sandbox *sandbox);
MP_SANDBOX_EXTERN long mp_sandbox_tls_handshake_count(const mp_sandbox *sandbox, long *resumed);

/* Forgets every resource (payments, refunds, customers, cards, card tokens,
 * preferences, orders, ...), every idempotency key and every armed fault, as
 * if the sandbox had just started; new ids never repeat old ones. The URL,
 * port, CA, webhook secret, request count and the accounts (their sites and
 * current credentials, see mp_sandbox_renew_credentials) stay. Meant for between tests:
 * a request served while it runs may see some of the state before it. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_reset(mp_sandbox *sandbox);

/* Renews one credential pair of an account (POST /__sandbox/accounts made it, or
 * POST /users/test_user, which gets both pairs issued first): the TEST- pair, or
 * the APP_USR- one when production is nonzero, as POST /__sandbox/credentials/renew
 * does. From then on the old public key and access token get 401. The new access
 * token and public key are copied, NUL-terminated, into the caller's buffers,
 * which must hold at least 128 and 64 bytes. MP_SANDBOX_ERR_INVALID_ARGUMENT for
 * an unknown account or smaller buffers (nothing is renewed then). user_id is
 * the account's id in decimal ("1234567890": C90 has no 64-bit integer). Accounts and
 * their credentials outlive mp_sandbox_reset. Any thread. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_renew_credentials(
    mp_sandbox *sandbox, const char *user_id, int production, char *access_token,
    size_t access_token_size, char *public_key, size_t public_key_size);

/* ---- Fault injection --------------------------------------------------- */

/* What a faulted request gets instead of a normal answer. */
typedef enum mp_sandbox_fault_kind {
    MP_SANDBOX_FAULT_OK = 0,           /* served normally (a pass that takes its turn) */
    MP_SANDBOX_FAULT_STATUS = 1,       /* an error status (set_status) in the API's error
                                          envelope, optionally with Retry-After; nothing done */
    MP_SANDBOX_FAULT_DELAY = 2,        /* served normally after set_delay_ms */
    MP_SANDBOX_FAULT_STALL = 3,        /* never answered: the connection is held until the
                                          client leaves or the sandbox stops */
    MP_SANDBOX_FAULT_RESET_BEFORE = 4, /* the connection is closed before anything is done */
    MP_SANDBOX_FAULT_RESET_AFTER = 5,  /* the work is done (committed, idempotency key kept),
                                          then the connection is closed without an answer */
    MP_SANDBOX_FAULT_TRUNCATE = 6      /* the work is done; the headers (with the full
                                          Content-Length) and half the body are sent, then the
                                          connection is closed */
} mp_sandbox_fault_kind;

typedef struct mp_sandbox_fault mp_sandbox_fault;

/* A fault of that kind for the next matching request (count 1), on any method
 * and path until set otherwise. Caller frees with mp_sandbox_fault_free. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_new(mp_sandbox_fault_kind kind,
                                                         mp_sandbox_fault **out);
MP_SANDBOX_EXTERN void mp_sandbox_fault_free(mp_sandbox_fault *fault);
/* A fault from its text form, the one the HTTP route takes too: "ok", a
 * status ("503"), a status with Retry-After seconds ("429:5"), "delay:<ms>",
 * "stall", "reset_before", "reset_after" or "truncate". Any method and path
 * until set otherwise; count 1. Caller frees. Every binding's sandbox helper
 * takes these texts through this one parser. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_parse(const char *text,
                                                           mp_sandbox_fault **out);

/* The requests it applies to: an HTTP method ("POST", any case; NULL or ""
 * for any) and a path prefix ("/v1/payments" also matches "/v1/payments/123";
 * it must start with '/'; NULL or "" for any). Copied. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_method(mp_sandbox_fault *fault,
                                                                const char *method);
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_path(mp_sandbox_fault *fault,
                                                              const char *path_prefix);
/* MP_SANDBOX_FAULT_STATUS: the HTTP status, 400 to 599 (required). */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_status(mp_sandbox_fault *fault,
                                                                int http_status);
/* MP_SANDBOX_FAULT_STATUS: adds Retry-After: seconds (0 to 86400); -1 (the
 * default) sends none. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_retry_after(mp_sandbox_fault *fault,
                                                                     int seconds);
/* MP_SANDBOX_FAULT_DELAY: the wait, 0 to 600000 ms (required). */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_delay_ms(mp_sandbox_fault *fault, int ms);
/* How many matching requests in a row get it: 1 (the default) to 10000. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_set_count(mp_sandbox_fault *fault, int count);

/* Arms the fault: the next `count` requests matching its method and path get
 * it. Faults armed earlier are taken first: arming 503, then 500, then OK on
 * the same path makes its next three requests answer 503, 500, then normally.
 * The sandbox's own /__sandbox/ routes are never faulted.
 * MP_SANDBOX_ERR_INVALID_ARGUMENT when a required value of the kind is unset
 * or a value does not belong to the kind (a delay on a status fault). */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_fault_arm(mp_sandbox *sandbox,
                                                         const mp_sandbox_fault *fault);

/* Disarms every fault not yet taken. */
MP_SANDBOX_EXTERN mp_sandbox_status mp_sandbox_faults_clear(mp_sandbox *sandbox);

#ifdef __cplusplus
}
#endif

#endif /* MP_SANDBOX_H */
