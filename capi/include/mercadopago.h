/*
 * mercadopago.h - the C API of libmercadopago, a client for the Mercado Pago
 * payments API. This is the only public header; it is C89-clean and compiles
 * as C++.
 *
 * Conventions (libgit2's opaque handles and thread-local last error; the
 * out-parameters last, as in DuckDB's C API):
 * - Every handle is opaque; no struct layout is part of the ABI.
 * - Every fallible function returns an mp_status: MP_OK (0) or a negative
 *   category. Results come back through out-parameters, always last.
 * - After a failure, mp_error_last() describes it. The description belongs to
 *   the calling thread and lives until that thread's next mp_ call that fails
 *   or mp_error_clear().
 * - "Caller frees" is said of every handle a function creates; the matching
 *   mp_*_free accepts NULL. Pointers returned by getters are borrowed: they
 *   live as long as the handle they came from and must not be freed.
 * - Strings are UTF-8. JSON crosses as bytes plus length; the bytes are also
 *   NUL-terminated for convenience.
 * - No function ever lets a C++ exception escape, and no message (errors or
 *   logs) ever contains the access token, a card number, a security code or
 *   a document number.
 *
 * Threads and lifetimes, handle by handle:
 * - mp_config: one thread at a time. mp_client_new copies it: free it or
 *   change it at once. The log callback's userdata must outlive every client
 *   made from it.
 * - mp_client: any number of threads at once. Free it only when no call,
 *   pager or batch run is using it; every mp_pager made from it must be freed
 *   first. After fork(), the child may go on using a client made before it
 *   (on connections of its own), even if other threads were calling.
 * - mp_request: one thread at a time. mp_client_call reads it during the
 *   call only; mp_pager_new and mp_batch_add copy it.
 * - mp_response: one thread at a time (its JSON is parsed on first read). It
 *   owns its data: it may outlive the client that made it.
 * - mp_error: the thread's last error (above); mp_response_error() lives as
 *   long as its response, mp_batch_error() until the batch runs again or is
 *   freed.
 * - mp_pager: one thread at a time; must not outlive its client. An item it
 *   hands out lives until the next call on the pager.
 * - mp_batch: one thread at a time; it keeps copies of its requests and may
 *   outlive the client that ran it.
 * - Asynchronous calls (mp_client_call_async): the request is copied; the
 *   completion runs on the client's own thread and must not free the client.
 * - Strings made for the caller (mp_oauth_authorization_url): mp_string_free.
 */
#ifndef MERCADOPAGO_H
#define MERCADOPAGO_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#if defined(MP_BUILDING_LIBRARY)
#define MP_EXTERN __declspec(dllexport)
#else
#define MP_EXTERN __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define MP_EXTERN __attribute__((visibility("default")))
#else
#define MP_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ----------------------------------------------------------- */

/* The one place the version is written: the build (CMake's project(), the
 * SONAME, pkg-config) and every binding's package read it from here. */
#define MP_VERSION_MAJOR 0
#define MP_VERSION_MINOR 1
#define MP_VERSION_PATCH 0
/* The number in the library's SONAME (libmercadopago.so.0): it changes only
 * with an incompatible change of this header. */
#define MP_ABI_MAJOR 0
#define MP_STRINGIFY_(x) #x
#define MP_STRINGIFY(x) MP_STRINGIFY_(x)
/* "0.1.0" */
#define MP_VERSION_STRING                                                                          \
    MP_STRINGIFY(MP_VERSION_MAJOR)                                                                 \
    "." MP_STRINGIFY(MP_VERSION_MINOR) "." MP_STRINGIFY(MP_VERSION_PATCH)
/* 0xMMmmpp: compare with >= to require a version at compile time. */
#define MP_VERSION_NUMBER ((MP_VERSION_MAJOR << 16) | (MP_VERSION_MINOR << 8) | MP_VERSION_PATCH)

/* The version of the library actually loaded, "0.1.0". Static storage. */
MP_EXTERN const char *mp_version(void);
/* The same as a number, to compare with MP_VERSION_NUMBER. */
MP_EXTERN unsigned int mp_version_number(void);

/* ---- Status and errors ------------------------------------------------- */

typedef enum mp_status {
    MP_OK = 0,
    MP_ERR_INVALID_ARGUMENT = -1, /* bad input; no request was sent */
    MP_ERR_JSON = -2,             /* a body is not valid JSON; no request was sent */
    MP_ERR_NETWORK = -3,          /* could not connect, or the connection broke */
    MP_ERR_TIMEOUT = -4,          /* the call ran out of time */
    MP_ERR_TLS = -5,              /* certificate or TLS handshake failure */
    MP_ERR_AUTH = -6,             /* HTTP 401 or 403 */
    MP_ERR_NOT_FOUND = -7,        /* HTTP 404 */
    MP_ERR_VALIDATION = -8,       /* HTTP 400, 422 and other 4xx: the API refused the input */
    MP_ERR_CONFLICT = -9,         /* HTTP 409 or 423: idempotency key reuse or state conflict */
    MP_ERR_RATE_LIMITED = -10,    /* HTTP 429 */
    MP_ERR_SERVER = -11,          /* HTTP 5xx */
    MP_ERR_SIGNATURE = -12,       /* a webhook signature did not verify */
    MP_ERR_NO_MEMORY = -13,
    MP_ERR_INTERNAL = -14,    /* a bug in libmercadopago: please report it */
    MP_ERR_NOT_PRESENT = -15, /* a JSON read found nothing, or another type, there */
    MP_ITER_OVER = -16,       /* a pager has no more pages or items (not an error) */
    MP_ERR_PROTOCOL = -17,    /* the server's answer is not one the API gives: a redirect
                                 (3xx), a status outside 200-599, a body or headers over
                                 the limits, a malformed answer; not retried */
    MP_ERR_CANCELED = -18     /* an asynchronous call was canceled (mp_client_cancel, or
                                 its client freed) */
} mp_status;

/* The lowest (most negative) status, so bindings can walk them all. */
#define MP_STATUS_MIN MP_ERR_CANCELED

/* A stable identifier for a status: "ok", "invalid_argument", "json",
 * "network", "timeout", "tls", "auth", "not_found", "validation", "conflict",
 * "rate_limited", "server", "signature", "no_memory", "internal",
 * "not_present", "iter_over", "protocol", "canceled"; "unknown" for any other value.
 * Static storage. */
MP_EXTERN const char *mp_status_name(mp_status status);

/* The error classes the bindings raise, as a table (capi/statuses.inc):
 * classes run from 0 to count - 1, every parent before its children. A class
 * has a name ("Validation"), a parent ("Api"; "" when its parent is the
 * bindings' base class), the status it reports (0 for a group such as "Api",
 * which reports none) and a sentence for its documentation. Out of range
 * gives NULL (0 for the status). Static storage. */
MP_EXTERN size_t mp_error_class_count(void);
MP_EXTERN const char *mp_error_class_name(size_t index);
MP_EXTERN const char *mp_error_class_parent(size_t index);
MP_EXTERN mp_status mp_error_class_status(size_t index);
MP_EXTERN const char *mp_error_class_doc(size_t index);

typedef struct mp_error mp_error;

/* The last failure on this thread, or NULL when there is none. Borrowed. */
MP_EXTERN const mp_error *mp_error_last(void);
MP_EXTERN void mp_error_clear(void);

MP_EXTERN mp_status mp_error_status(const mp_error *error);
/* A sentence for people, e.g. "Payment not found (HTTP 404 not_found,
 * cause 2000, request id ...)". Never NULL for a non-NULL error. */
MP_EXTERN const char *mp_error_message(const mp_error *error);
/* The HTTP status, 0 when no HTTP answer was received. */
MP_EXTERN int mp_error_http_status(const mp_error *error);
/* The API's "error" code ("bad_request", "not_found", ...), "" if none. */
MP_EXTERN const char *mp_error_api_error(const mp_error *error);
/* The API's "cause" array as JSON, "[]" if none; *len gets its length when
 * len is not NULL. */
MP_EXTERN const char *mp_error_causes(const mp_error *error, size_t *len);
/* The X-Request-Id of the answer, "" if none: quote it to Mercado Pago support. */
MP_EXTERN const char *mp_error_request_id(const mp_error *error);
/* The X-Idempotency-Key the request carried, "" for reads. */
MP_EXTERN const char *mp_error_idempotency_key(const mp_error *error);
/* How many attempts were made (0 when nothing was sent). */
MP_EXTERN int mp_error_attempts(const mp_error *error);
/* 1 when the same call may succeed if made again (network, timeout, 429, 5xx). */
MP_EXTERN int mp_error_retryable(const mp_error *error);

/* ---- Configuration ----------------------------------------------------- */

typedef struct mp_config mp_config;

/* Creates a configuration with the defaults: production base URL
 * (https://api.mercadopago.com), connect timeout 10 s, total timeout 60 s,
 * the system's CA store, TLS verification on. Caller frees. */
MP_EXTERN mp_status mp_config_new(mp_config **out);
MP_EXTERN void mp_config_free(mp_config *config);

/* The private access token ("TEST-..." or "APP_USR-..."). Copied. */
MP_EXTERN mp_status mp_config_set_access_token(mp_config *config, const char *token);
/* "https://..." always; "http://" only for a loopback host (the sandbox).
 * Checked when the client is created. */
MP_EXTERN mp_status mp_config_set_base_url(mp_config *config, const char *url);
MP_EXTERN mp_status mp_config_set_connect_timeout_ms(mp_config *config, long ms);
MP_EXTERN mp_status mp_config_set_timeout_ms(mp_config *config, long ms);
/* Trust the CAs of a PEM file instead of the system's (TLS stays verified). */
MP_EXTERN mp_status mp_config_set_ca_file(mp_config *config, const char *path);
/* Trust the CAs of an in-memory PEM (copied); wins over a CA file. */
MP_EXTERN mp_status mp_config_set_ca_pem(mp_config *config, const char *pem, size_t len);
/* e.g. "http://proxy.internal:3128"; NULL or "" for none. */
MP_EXTERN mp_status mp_config_set_proxy(mp_config *config, const char *proxy);
/* Appended to the User-Agent, e.g. "my-shop/2.3". */
MP_EXTERN mp_status mp_config_set_user_agent_suffix(mp_config *config, const char *suffix);
/* Partner attribution headers (X-Platform-Id, X-Integrator-Id, X-Corporation-Id). */
MP_EXTERN mp_status mp_config_set_platform_id(mp_config *config, const char *id);
MP_EXTERN mp_status mp_config_set_integrator_id(mp_config *config, const char *id);
MP_EXTERN mp_status mp_config_set_corporation_id(mp_config *config, const char *id);

/* Retries: a failed call is tried again on network errors, timeouts, 429 and
 * 5xx (never on TLS errors or other 4xx), a write only with its idempotency
 * key (always the same key). Default 2 retries (3 attempts); 0 turns them off. */
MP_EXTERN mp_status mp_config_set_max_retries(mp_config *config, int max_retries);
/* Backoff: base_ms * 2^(n-1), capped at max_ms, with jitter (half to all of
 * it); a Retry-After up to max_retry_after_ms is honoured, a longer one ends
 * the retries. Defaults 500, 5000, 30000. */
MP_EXTERN mp_status mp_config_set_retry_delays_ms(mp_config *config, long base_ms, long max_ms,
                                                  long max_retry_after_ms);
/* A connection that moves no byte for this long is dropped (default 20 s). */
MP_EXTERN mp_status mp_config_set_stall_timeout_ms(mp_config *config, long ms);
/* Every timeout and delay above is at most 24 hours (86400000 ms); a larger
 * value is refused with MP_ERR_INVALID_ARGUMENT. */
#define MP_MAX_TIMEOUT_MS 86400000L

/* The largest answer body the client accepts (default 32 MiB, far above the
 * largest page the API sends; at least 1024). A longer body, or headers over
 * 256 KiB, end the call with MP_ERR_PROTOCOL as soon as they are seen: the
 * client never holds more than this in memory for one answer. */
MP_EXTERN mp_status mp_config_set_max_response_bytes(mp_config *config, size_t bytes);
#define MP_DEFAULT_MAX_RESPONSE_BYTES ((size_t)32 << 20)

/* Proxies. By default no proxy is used unless mp_config_set_proxy names one:
 * the http_proxy/https_proxy/all_proxy/no_proxy environment variables are
 * ignored. on = 1 honours them (for an https:// base URL only). Whatever the
 * setting, a plain http:// base URL (the local sandbox) never goes through a
 * proxy, so the access token is never sent in clear to one, and requests
 * through a proxy always tunnel TLS (CONNECT). */
MP_EXTERN mp_status mp_config_set_proxy_from_environment(mp_config *config, int on);

/* Connections kept open between calls (default 64; 0 to 1024, checked when
 * the client is created). An idle connection is also closed by libcurl
 * after about two minutes. */
MP_EXTERN mp_status mp_config_set_max_idle_connections(mp_config *config, long connections);

/* Persistent connections (as PDO::ATTR_PERSISTENT for databases): on = 1
 * makes the client share one process-wide transport with every persistent
 * client of the same base URL, CA, proxy, timeouts and limits, and that
 * transport's connections and TLS sessions stay open after the clients are
 * freed, for the next client. The access token is never part of what is
 * shared: each client (or call) sends its own. For processes that create a
 * client per unit of work (a PHP-FPM worker per web request). After fork(),
 * a child opens connections of its own. */
MP_EXTERN mp_status mp_config_set_persistent(mp_config *config, int on);

/* Logging. The callback gets every request, answer, retry and timing at or
 * below max_level, already redacted: the access token, card numbers,
 * security codes and identification numbers never reach it. It may be
 * called from any thread that makes calls, and must not call back into the
 * client. message is NUL-terminated; len is its length. */
typedef enum mp_log_level {
    MP_LOG_ERROR = 1,
    MP_LOG_WARN = 2, /* retries, transport failures */
    MP_LOG_INFO = 3, /* each request and answer, with timings and request ids */
    MP_LOG_DEBUG = 4 /* bodies, redacted */
} mp_log_level;
typedef void (*mp_log_fn)(void *userdata, mp_log_level level, const char *message, size_t len);
/* fn NULL turns logging off. */
MP_EXTERN mp_status mp_config_set_log(mp_config *config, mp_log_fn fn, void *userdata,
                                      mp_log_level max_level);

/* ---- Options by name --------------------------------------------------- */

/* Every client and per-call option, as a table (capi/options.inc) for the
 * bindings, which build their option surface from it (as DuckDB's
 * duckdb_set_config and librdkafka's rd_kafka_conf_set take settings by
 * name). The value is text, checked and converted once, here:
 * - MP_OPTION_STRING: as is;
 * - MP_OPTION_INT: a decimal integer;
 * - MP_OPTION_SECONDS: a decimal number of seconds ("2.5"), kept in ms;
 * - MP_OPTION_BOOL: "true", "false", "1" or "0";
 * - MP_OPTION_HEADERS: one extra header, "Name: value"; set once per header.
 * An option of arity n takes n values joined by ',' ("0.5,5,30"). */
typedef enum mp_option_type {
    MP_OPTION_STRING = 1,
    MP_OPTION_INT = 2,
    MP_OPTION_SECONDS = 3,
    MP_OPTION_BOOL = 4,
    MP_OPTION_HEADERS = 5
} mp_option_type;

/* Where an option applies (bits of mp_option_scope). */
#define MP_OPTION_CLIENT 1 /* mp_config_set_option */
#define MP_OPTION_CALL 2   /* mp_request_set_option */
#define MP_OPTION_PAGES 4  /* mp_request_set_option, read by mp_pager_new */

/* Options run from 0 to count - 1; out of range gives NULL (0 for numbers).
 * Static storage. */
MP_EXTERN size_t mp_option_count(void);
MP_EXTERN const char *mp_option_name(size_t index); /* "timeout" */
MP_EXTERN mp_option_type mp_option_value_type(size_t index);
MP_EXTERN int mp_option_arity(size_t index);
MP_EXTERN int mp_option_scope(size_t index);
MP_EXTERN const char *mp_option_doc(size_t index);

/* Sets a client option by name: mp_config_set_option(c, "timeout", "2.5").
 * The same checks as the typed setters above; an unknown name, a per-call
 * option or a bad value gives MP_ERR_INVALID_ARGUMENT (the message names the
 * option, never its value). */
MP_EXTERN mp_status mp_config_set_option(mp_config *config, const char *name, const char *value);

/* ---- Client ------------------------------------------------------------ */

typedef struct mp_client mp_client;

/* Creates a client from a configuration (copied: the config may be freed or
 * changed afterwards). Safe to share between threads; it keeps a pool of
 * keep-alive connections. Caller frees. */
MP_EXTERN mp_status mp_client_new(const mp_config *config, mp_client **out);
MP_EXTERN void mp_client_free(mp_client *client);
/* Changes the most detailed level the client logs from now on (0 to
 * MP_LOG_DEBUG; 0 logs nothing), for its calls on every thread, so that a
 * binding can follow its language's logging configuration. The callback is
 * the config's (mp_config_set_log); without one nothing is logged. */
MP_EXTERN mp_status mp_client_set_log_level(mp_client *client, int max_level);

/* ---- Per-call request -------------------------------------------------- */

typedef struct mp_request mp_request;

/* Everything one call carries besides the operation name: path parameters,
 * query parameters, a JSON body, and per-call options. Nothing set here ever
 * affects the client or another call. Caller frees. */
MP_EXTERN mp_status mp_request_new(mp_request **out);
MP_EXTERN void mp_request_free(mp_request *request);

/* Fills "{name}" in the operation's path template (the value is URL-encoded). */
MP_EXTERN mp_status mp_request_set_path_param(mp_request *request, const char *name,
                                              const char *value);
/* Adds "name=value" to the query string (both URL-encoded). */
MP_EXTERN mp_status mp_request_add_query(mp_request *request, const char *name, const char *value);
/* The JSON body (a JSON object), copied. Checked before anything is sent. */
MP_EXTERN mp_status mp_request_set_body(mp_request *request, const char *json, size_t len);
/* The X-Idempotency-Key for a write; without one, a fresh UUIDv4 is used. */
MP_EXTERN mp_status mp_request_set_idempotency_key(mp_request *request, const char *key);
/* Use this access token for this call only (marketplaces, many tenants). */
MP_EXTERN mp_status mp_request_set_access_token(mp_request *request, const char *token);
/* An extra header (e.g. X-Meli-Session-Id). Authorization and the framing
 * headers are refused: they are the client's. */
MP_EXTERN mp_status mp_request_add_header(mp_request *request, const char *name, const char *value);
/* The total timeout of this call, overriding the client's. */
MP_EXTERN mp_status mp_request_set_timeout_ms(mp_request *request, long ms);
/* Retries for this call only (0 to 10), overriding the client's. */
MP_EXTERN mp_status mp_request_set_max_retries(mp_request *request, int max_retries);
/* Sets a per-call option by name (scope MP_OPTION_CALL or MP_OPTION_PAGES),
 * as mp_config_set_option does for the client: "timeout", "max_retries",
 * "idempotency_key", "access_token", "headers" ("Name: value"), "page_size". */
MP_EXTERN mp_status mp_request_set_option(mp_request *request, const char *name, const char *value);
/* Empties the request so it can be reused for another call. */
MP_EXTERN mp_status mp_request_reset(mp_request *request);

/* ---- Calls ------------------------------------------------------------- */

typedef struct mp_response mp_response;

/* Calls an operation of the table by name ("payments.create", ...).
 * request may be NULL for an operation with no parameters.
 * Returns MP_OK for a 2xx answer. For an API error (HTTP >= 400) returns its
 * category AND sets *out to the response, so its body and headers can be
 * read. When no answer was received, *out is NULL. Caller frees *out. */
MP_EXTERN mp_status mp_client_call(mp_client *client, const char *operation,
                                   const mp_request *request, mp_response **out);

/* ---- Responses --------------------------------------------------------- */

MP_EXTERN void mp_response_free(mp_response *response);

MP_EXTERN int mp_response_http_status(const mp_response *response);
/* A response header by name (case-insensitive), NULL when absent. Borrowed. */
MP_EXTERN const char *mp_response_header(const mp_response *response, const char *name);
/* The index-th header of the answer as "Name: value", in the order received
 * (0 first), NULL past the last: for listing them. Borrowed. */
MP_EXTERN const char *mp_response_header_at(const mp_response *response, size_t index);
/* X-Request-Id, "" when absent. Borrowed. */
MP_EXTERN const char *mp_response_request_id(const mp_response *response);
/* The X-Idempotency-Key that was sent, "" for reads. Borrowed. */
MP_EXTERN const char *mp_response_idempotency_key(const mp_response *response);
/* How many attempts the call took. */
MP_EXTERN int mp_response_attempts(const mp_response *response);
/* The body bytes; *len gets their count when len is not NULL. Borrowed. */
MP_EXTERN const char *mp_response_body(const mp_response *response, size_t *len);
/* The error detail of an API error answer, NULL for a 2xx. Borrowed. */
MP_EXTERN const mp_error *mp_response_error(const mp_response *response);

/* Typed reads of the JSON body by RFC 6901 pointer ("/card/last_four_digits",
 * "/results/0/id", "" for the whole body). The body is parsed once, on the
 * first read. Each returns MP_ERR_NOT_PRESENT (without touching the last
 * error) when nothing of that type is there, and MP_ERR_JSON when the body
 * is not JSON. These are for the response's own thread. */
MP_EXTERN mp_status mp_response_get_string(mp_response *response, const char *pointer,
                                           const char **out, size_t *len);
MP_EXTERN mp_status mp_response_get_int64(mp_response *response, const char *pointer, int64_t *out);
/* Any JSON number, as a double. */
MP_EXTERN mp_status mp_response_get_double(mp_response *response, const char *pointer, double *out);
/* *out gets 1 or 0. */
MP_EXTERN mp_status mp_response_get_bool(mp_response *response, const char *pointer, int *out);
/* The length of an array (or the member count of an object). */
MP_EXTERN mp_status mp_response_get_length(mp_response *response, const char *pointer, size_t *out);
/* 1 when the pointer names a value (null included), else 0. Never fails. */
MP_EXTERN int mp_response_exists(mp_response *response, const char *pointer);

/* ---- Pagination -------------------------------------------------------- */

typedef struct mp_pager mp_pager;

/* Walks a search or list operation ("payments.search", "customers.search",
 * "cards.list", ...) page by page or item by item. The request's "offset"
 * query (default 0) is where it starts; page_size (or, when 0, the request's
 * "page_size" option, its "limit" query, or 50) is the page size. It copes
 * with paging.total sent as a number or a string and with items under
 * "results", "elements" or "data". Caller frees. */
MP_EXTERN mp_status mp_pager_new(mp_client *client, const char *operation,
                                 const mp_request *request, long page_size, mp_pager **out);
MP_EXTERN void mp_pager_free(mp_pager *pager);
/* The next page's response (caller frees), or MP_ITER_OVER after the last.
 * A failed call returns its status and the pager may be tried again. */
MP_EXTERN mp_status mp_pager_next_page(mp_pager *pager, mp_response **out);
/* The next item as JSON (borrowed until the next call on the pager), or
 * MP_ITER_OVER at the end. Fetches pages as needed. */
MP_EXTERN mp_status mp_pager_next_item(mp_pager *pager, const char **json, size_t *len);
/* The server's paging.total as of the last page, -1 when unknown. */
MP_EXTERN int64_t mp_pager_total(const mp_pager *pager);

/* ---- Batches ----------------------------------------------------------- */

typedef struct mp_batch mp_batch;

/* Many calls sent at once (parallel connections, or HTTP/2 streams where the
 * server offers them), each with its own result, retries and backoff. They
 * run on the client's own thread, as asynchronous calls do, and on the same
 * connections, which stay open for the next batch; the caller waits.
 * Caller frees. */
MP_EXTERN mp_status mp_batch_new(mp_batch **out);
MP_EXTERN void mp_batch_free(mp_batch *batch);
/* Adds a call; the request is copied (NULL for none). Returns its index in *index
 * when index is not NULL. */
MP_EXTERN mp_status mp_batch_add(mp_batch *batch, const char *operation, const mp_request *request,
                                 size_t *index);
MP_EXTERN size_t mp_batch_size(const mp_batch *batch);
/* Runs every call of the batch, at most max_in_flight at a time (0: 16).
 * Returns MP_OK when the batch ran, whatever each call's outcome; read the
 * outcomes with the functions below. A batch may be run again. Not from an
 * asynchronous call's completion (it would wait for its own thread). */
MP_EXTERN mp_status mp_client_run_batch(mp_client *client, mp_batch *batch, long max_in_flight);
/* The status of call index: MP_OK, or the category of its failure. */
MP_EXTERN mp_status mp_batch_status(const mp_batch *batch, size_t index);
/* The failure of call index, NULL when it succeeded. Borrowed. */
MP_EXTERN const mp_error *mp_batch_error(const mp_batch *batch, size_t index);
/* Moves out the response of call index (NULL when none came). Caller frees. */
MP_EXTERN mp_status mp_batch_take_response(mp_batch *batch, size_t index, mp_response **out);

/* ---- Asynchronous calls ------------------------------------------------ */

/* The end of an asynchronous call, called exactly once, on the client's own
 * thread (one per client, started by its first asynchronous call, which runs
 * every call in flight on one libcurl multi handle):
 * - status MP_OK: response is the 2xx answer;
 * - an API error (HTTP >= 400): its status, response is the answer and error
 *   is mp_response_error(response);
 * - no answer (network, timeout, TLS, MP_ERR_CANCELED, ...): response is NULL
 *   and error describes the failure.
 * The completion owns response (mp_response_free); error is borrowed for the
 * callback's duration. It should return quickly (hand the result to the
 * caller's event loop or queue): every other call of the client waits
 * meanwhile. It may start or cancel calls, but must not free the client. */
typedef void (*mp_call_done_fn)(void *userdata, uint64_t call_id, mp_status status,
                                mp_response *response, const mp_error *error);

/* Starts a call and returns at once, with the same retries, idempotency key,
 * deadlines and logging as mp_client_call. The request is copied (NULL for
 * none). Bad input fails here (MP_ERR_INVALID_ARGUMENT, MP_ERR_JSON) and done
 * is then never called; otherwise done will be. *call_id (when not NULL) gets
 * the call's id for mp_client_cancel. Freeing the client cancels the calls
 * still running (their completions run before mp_client_free returns). */
MP_EXTERN mp_status mp_client_call_async(mp_client *client, const char *operation,
                                         const mp_request *request, mp_call_done_fn done,
                                         void *userdata, uint64_t *call_id);
/* Cancels an asynchronous call: its transfer is closed and its completion
 * runs with MP_ERR_CANCELED, unless the call had already ended (then
 * nothing happens). Returns at once; MP_OK for any id. */
MP_EXTERN mp_status mp_client_cancel(mp_client *client, uint64_t call_id);

/* What mp_client_warm opens connections for (bits). */
#define MP_WARM_BLOCKING 1 /* mp_client_call, pagers */
#define MP_WARM_ASYNC 2    /* mp_client_call_async (starts the client's thread) */

/* Opens up to connections (1 to 64) connections to the base URL now (TCP and
 * TLS, with a HEAD request that carries no token), so that the first calls
 * do not wait for them; for a service to call at start-up. Blocks until they
 * answered or failed; *answered (when not NULL) gets how many answered. A
 * connection that fails is not an error here: the calls will try again. */
MP_EXTERN mp_status mp_client_warm(mp_client *client, long connections, int what, long *answered);

/* ---- Webhooks ---------------------------------------------------------- */

typedef enum mp_webhook_result {
    MP_WEBHOOK_OK = 0,
    MP_WEBHOOK_MISSING_HEADER = 1,    /* no x-signature */
    MP_WEBHOOK_MALFORMED_HEADER = 2,  /* not "ts=...,v1=...", or ts not a number */
    MP_WEBHOOK_MISSING_TIMESTAMP = 3, /* no ts */
    MP_WEBHOOK_MISSING_HASH = 4,      /* no v1 */
    MP_WEBHOOK_MISMATCH = 5,          /* signed by none of the secrets */
    MP_WEBHOOK_OUT_OF_TOLERANCE = 6   /* a valid signature, but too old or too new */
} mp_webhook_result;

/* "ok", "missing_header", "malformed_header", "missing_timestamp",
 * "missing_hash", "mismatch", "out_of_tolerance". Static storage. */
MP_EXTERN const char *mp_webhook_result_name(mp_webhook_result result);

/* Verifies a notification's x-signature header against the manifest
 * "id:<data.id>;request-id:<x-request-id>;ts:<ts>;" (a missing value drops
 * its pair) with HMAC-SHA256 under each of the secrets (several during a
 * rotation), compared in constant time. data_id is the "data.id" query
 * parameter exactly as received; x_signature, x_request_id and data_id may be
 * NULL when absent. tolerance_s: 0 for the default window of 300 s, a
 * positive number of seconds, or negative to turn the window off. now: Unix
 * seconds, or 0 for the current time. Returns MP_OK when it verifies,
 * MP_ERR_SIGNATURE when it does not (with the reason in *result), or
 * MP_ERR_INVALID_ARGUMENT. */
MP_EXTERN mp_status mp_webhook_verify(const char *x_signature, const char *x_request_id,
                                      const char *data_id, const char *const *secrets,
                                      size_t secret_count, long tolerance_s, int64_t now,
                                      mp_webhook_result *result);

/* ---- OAuth ------------------------------------------------------------- */

/* Builds the URL where a seller authorizes your application (the first step
 * of the authorization code flow; then call "oauth.create" with the code).
 * state may be NULL; use it against CSRF. *out is a new string the caller
 * frees with mp_string_free. */
MP_EXTERN mp_status mp_oauth_authorization_url(const char *client_id, const char *redirect_uri,
                                               const char *state, char **out);
MP_EXTERN void mp_string_free(char *s);

/* ---- The operations table ---------------------------------------------- */

/* Every operation the client knows, for bindings that build their surface
 * from the table and for tools. Indexes run from 0 to count - 1; out of range
 * gives NULL. Static storage. */
MP_EXTERN size_t mp_operation_count(void);
/* "payments.create" */
MP_EXTERN const char *mp_operation_name(size_t index);
/* "GET", "POST", "PUT", "PATCH" or "DELETE" */
MP_EXTERN const char *mp_operation_method(size_t index);
/* "/v1/payments/{id}" */
MP_EXTERN const char *mp_operation_path(size_t index);
/* The path parameters of the operation's template, in order: for
 * "/v1/payments/{payment_id}/refunds/{id}", 2, then "payment_id" and "id".
 * Out of range gives 0 and NULL. */
MP_EXTERN size_t mp_operation_path_param_count(size_t index);
MP_EXTERN const char *mp_operation_path_param(size_t index, size_t param);
/* 1 when the operation sends a JSON body. */
MP_EXTERN int mp_operation_has_body(size_t index);
/* How a list answer is shaped: "none", "array", "results", "elements", "data". */
MP_EXTERN const char *mp_operation_paging(size_t index);

#ifdef __cplusplus
}
#endif

#endif /* MERCADOPAGO_H */
