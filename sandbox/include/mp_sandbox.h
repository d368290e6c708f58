/*
 * mp_sandbox.h - embed the local Mercado Pago emulator in any program.
 *
 * The sandbox serves the Mercado Pago API from memory (the README's "The
 * sandbox" section says what it emulates), over HTTP or HTTPS (a CA generated
 * at start signs a certificate for 127.0.0.1 and localhost).
 *
 * Threads and lifetimes: one sandbox runs its own server threads; every
 * function below may be called from any thread, at the same time, until
 * mp_sandbox_stop, which must be the last call on the handle (and not made
 * while another thread still uses it). Strings it returns are borrowed and
 * live until mp_sandbox_stop. A client of the sandbox may outlive it (its
 * calls then fail with a network error).
 *
 * C89-clean. Every function returns 0 on success and a negative value on
 * failure; mp_sandbox_last_error() then says why (thread-local, borrowed).
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

typedef struct mp_sandbox mp_sandbox;

/*
 * Starts a sandbox and returns it in *out (free it with mp_sandbox_stop).
 * options_json may be NULL (all defaults) or a JSON object with any of:
 *   "host":           "127.0.0.1" (default)
 *   "port":           0 (default: a free port is picked)
 *   "tls":            true (default) / false
 *   "webhook_secret": "..." secret that signs webhook deliveries
 * Returns once the server accepts connections.
 */
MP_SANDBOX_EXTERN int mp_sandbox_start(const char *options_json, mp_sandbox **out);

/* Stops the server, waits for its threads and frees the handle. NULL is a no-op. */
MP_SANDBOX_EXTERN void mp_sandbox_stop(mp_sandbox *sandbox);

/* Base URL, e.g. "https://127.0.0.1:41234" (no trailing slash). Borrowed. */
MP_SANDBOX_EXTERN const char *mp_sandbox_url(const mp_sandbox *sandbox);

/* The port actually bound. */
MP_SANDBOX_EXTERN int mp_sandbox_port(const mp_sandbox *sandbox);

/* PEM of the CA that signed the server certificate, NULL without TLS. Borrowed. */
MP_SANDBOX_EXTERN const char *mp_sandbox_ca_pem(const mp_sandbox *sandbox);

/* Writes the CA PEM to path (for clients that take a CA file). */
MP_SANDBOX_EXTERN int mp_sandbox_write_ca(const mp_sandbox *sandbox, const char *path);

/* Requests served so far (all routes), for tests that must prove a request was or was not sent. */
MP_SANDBOX_EXTERN long mp_sandbox_request_count(const mp_sandbox *sandbox);

/* Why the last call on this thread failed. Borrowed; never NULL. */
MP_SANDBOX_EXTERN const char *mp_sandbox_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* MP_SANDBOX_H */
