/* The client against a hostile server (hostile_server.py): for each scenario,
 * a defined status within the timeout, bounded memory, no signal, and no
 * secret in any error text or log line.
 *
 *   test_hostile                 every scenario
 *   test_hostile <scenario>...   those scenarios
 *   test_hostile --list          the scenario names
 *
 * The parent starts the server, then runs each scenario in a forked child: a
 * crash is a signal the parent sees, the child's peak RSS is wait4's
 * ru_maxrss, and a child that does not end in time is killed ("hung"). Each
 * scenario prints one line "FIGURE | name | status | ms | peak | signal |
 * secrets | note" for the before/after table of README.md.
 *
 * Built with -DMP_OLD_ABI, it skips the functions the old library lacks
 * (for the "before" figures). */
#define _GNU_SOURCE
#include "mercadopago.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef HOSTILE_PYTHON
#define HOSTILE_PYTHON "python3"
#endif
#ifndef HOSTILE_SERVER
#define HOSTILE_SERVER "hostile_server.py"
#endif

/* Sanitizers inflate memory (shadow memory, redzones, ASan's quarantine of
 * freed blocks): only the RSS bounds are widened for them, by about what was
 * measured (ASan ~2x, TSan ~5x), and the program says so. */
#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_ASAN 1
#elif defined(__SANITIZE_THREAD__)
#define HOSTILE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSTILE_ASAN 1
#elif __has_feature(thread_sanitizer)
#define HOSTILE_TSAN 1
#endif
#endif
#if defined(HOSTILE_ASAN)
#define SANITIZER "AddressSanitizer"
#define RSS_FACTOR 2
#elif defined(HOSTILE_TSAN)
#define SANITIZER "ThreadSanitizer"
#define RSS_FACTOR 5
#endif

#define TOKEN "TEST-hostile-secret-token-QWERTY"
#define CALL_TOKEN "APP_USR-percall-secret-token-ZXCV"

#define TIMEOUT_MS 3000L
#define FAST_MS 1500L /* "well within the timeout" */
#define LATE_MS 1500L /* how late a timeout may fire (sanitizers, a busy machine) */
#define MIB 1048576L

/* ---- the server ---------------------------------------------------------- */

static struct {
    int http_port, https_port, tls_reset_port, proxy_port;
    char ca_file[512];
    char http[64], https[64], tls_reset[64], proxy[64];
} srv;
static pid_t server_pid = -1;
static int server_stdin = -1;
static char info_path[128];

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms) {
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static int json_int(const char *json, const char *key) {
    const char *p = strstr(json, key);
    if (!p) return -1;
    p += strlen(key);
    while (*p == '"' || *p == ':' || *p == ' ')
        p++;
    return atoi(p);
}

static int read_info(void) {
    char buf[2048];
    const char *p, *q;
    size_t n;
    FILE *f = fopen(info_path, "r");
    if (!f) return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    srv.http_port = json_int(buf, "\"http_port\"");
    srv.https_port = json_int(buf, "\"https_port\"");
    srv.tls_reset_port = json_int(buf, "\"tls_reset_port\"");
    srv.proxy_port = json_int(buf, "\"proxy_port\"");
    p = strstr(buf, "\"ca_file\": \"");
    if (!p || srv.http_port <= 0) return 0;
    p += strlen("\"ca_file\": \"");
    q = strchr(p, '"');
    if (!q || (size_t)(q - p) >= sizeof srv.ca_file) return 0;
    memcpy(srv.ca_file, p, (size_t)(q - p));
    srv.ca_file[q - p] = '\0';
    snprintf(srv.http, sizeof srv.http, "http://127.0.0.1:%d", srv.http_port);
    snprintf(srv.https, sizeof srv.https, "https://127.0.0.1:%d", srv.https_port);
    snprintf(srv.tls_reset, sizeof srv.tls_reset, "https://127.0.0.1:%d", srv.tls_reset_port);
    snprintf(srv.proxy, sizeof srv.proxy, "http://127.0.0.1:%d", srv.proxy_port);
    return 1;
}

static int start_server(void) {
    int p[2], status;
    long until;
    const char *python = getenv("HOSTILE_PYTHON") ? getenv("HOSTILE_PYTHON") : HOSTILE_PYTHON;
    const char *script = getenv("HOSTILE_SERVER") ? getenv("HOSTILE_SERVER") : HOSTILE_SERVER;
    snprintf(info_path, sizeof info_path, "/tmp/hostile-info-%ld.json", (long)getpid());
    unlink(info_path);
    if (pipe(p) != 0) return 0;
    fflush(NULL);
    server_pid = fork();
    if (server_pid == 0) {
        /* The server lives as long as its stdin: our end of this pipe. */
        dup2(p[0], 0);
        close(p[0]);
        close(p[1]);
        execlp(python, python, script, "--info", info_path, (char *)NULL);
        perror("exec python3");
        _exit(127);
    }
    close(p[0]);
    server_stdin = p[1];
    fcntl(server_stdin, F_SETFD, FD_CLOEXEC);
    for (until = now_ms() + 20000; now_ms() < until; sleep_ms(20)) {
        if (read_info()) return 1;
        if (waitpid(server_pid, &status, WNOHANG) == server_pid) break;
    }
    fprintf(stderr, "the hostile server did not start (%s %s)\n", python, script);
    return 0;
}

static void stop_server(void) {
    int i, status;
    if (server_pid <= 0) return;
    close(server_stdin);
    for (i = 0; i < 100 && waitpid(server_pid, &status, WNOHANG) != server_pid; i++) {
        if (i == 50) kill(server_pid, SIGTERM);
        sleep_ms(20);
    }
    if (i == 100) {
        kill(server_pid, SIGKILL);
        waitpid(server_pid, &status, 0);
    }
    unlink(info_path);
}

/* A GET to the server's admin routes over a raw socket (never through the
 * library, nor through any proxy). Returns the body, "" on failure. */
static const char *admin_get(const char *path, char *out, size_t n) {
    struct sockaddr_in a;
    struct timeval tv = {5, 0};
    char req[256], buf[4096];
    size_t got = 0;
    ssize_t r;
    const char *body;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    out[0] = '\0';
    if (s < 0) return out;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)srv.http_port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(s, (struct sockaddr *)&a, sizeof a) == 0) {
        snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: admin\r\n\r\n", path);
        if (write(s, req, strlen(req)) == (ssize_t)strlen(req))
            while (got < sizeof buf - 1 && (r = read(s, buf + got, sizeof buf - 1 - got)) > 0)
                got += (size_t)r;
    }
    close(s);
    buf[got] = '\0';
    body = strstr(buf, "\r\n\r\n");
    if (body) snprintf(out, n, "%s", body + 4);
    return out;
}

static long admin_count(const char *name) {
    char path[160], body[64];
    snprintf(path, sizeof path, "/__hostile/count/%s", name);
    return atol(admin_get(path, body, sizeof body));
}

struct proxy_stats {
    int connections, authorization, connect, token;
};

static struct proxy_stats proxy_stats(void) {
    char body[512];
    struct proxy_stats s;
    admin_get("/__hostile/proxy", body, sizeof body);
    s.connections = json_int(body, "\"connections\"");
    s.authorization = json_int(body, "\"authorization\"");
    s.connect = json_int(body, "\"connect\"");
    s.token = json_int(body, "\"token\"");
    return s;
}

/* ---- checks in the child ------------------------------------------------- */

static int failures;
static int secret_hits;
static int report_fd = -1;
static mp_status main_status = MP_OK;
static long main_ms = -1;
static char note_text[600];

static void fail(int line, const char *what) {
    failures++;
    printf("    FAILED (test_hostile.c:%d): %s\n", line, what);
    fflush(stdout);
}
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) fail(__LINE__, #cond);                                                        \
    } while (0)

static void note(const char *fmt, ...) {
    size_t n = strlen(note_text);
    va_list ap;
    if (n && n < sizeof note_text - 2) {
        strcat(note_text, "; ");
        n += 2;
    }
    va_start(ap, fmt);
    vsnprintf(note_text + n, sizeof note_text - n, fmt, ap);
    va_end(ap);
}

/* Prints at most max bytes of s, escaping what is not printable ASCII. */
static void print_escaped(const char *s, size_t n, size_t max) {
    size_t i;
    for (i = 0; i < n && i < max; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\')
            putchar(c);
        else
            printf("\\x%02x", c);
    }
    if (n > max) printf("... (%zu bytes)", n);
}

static int utf8_valid(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len, k;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n) return 0;
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += len;
    }
    return 1;
}

/* C0 controls, DEL, and C1 controls (U+0080-U+009F, as UTF-8). */
static int has_control(const unsigned char *s, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] == 0x7f) return 1;
        if (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f) return 1;
    }
    return 0;
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

static const struct {
    const char *name, *text;
    int bounded; /* a number: only when no digit touches it (38362 is a port) */
} secrets[] = {
    {"access token", TOKEN, 0},
    {"per-call token", CALL_TOKEN, 0},
    {"card number", "4509953566233704", 0},
    {"spaced card number", "4509 9535 6623 3704", 0},
    {"dashed card number", "4509-9535-6623-3704", 0},
    {"security code", "8362", 1},
    {"document number", "31415926535", 1},
};

static const char *find_number(const char *s, size_t n, const char *num, int bounded) {
    size_t len = strlen(num);
    const char *end = s + n, *p = s;
    while ((p = memmem(p, (size_t)(end - p), num, len)) != NULL) {
        if (!bounded || ((p == s || !is_digit(p[-1])) && (p + len == end || !is_digit(p[len]))))
            return p;
        p++;
    }
    return NULL;
}

/* Where each secret was seen: one line per (secret, place), with a count
 * and the first excerpt, printed when the child ends. */
static struct {
    const char *secret, *where;
    int count;
    char excerpt[160];
} hit_log[48];

static void hit(const char *secret, const char *where, const char *s, const char *end,
                const char *at) {
    const char *from = at > s + 40 ? at - 40 : s;
    size_t i, j, k = 0, n = (size_t)(end - from) < 100 ? (size_t)(end - from) : 100;
    char *out;
    secret_hits++;
    for (i = 0; i < sizeof hit_log / sizeof hit_log[0] && hit_log[i].secret; i++)
        if (hit_log[i].secret == secret && strcmp(hit_log[i].where, where) == 0) {
            hit_log[i].count++;
            return;
        }
    if (i == sizeof hit_log / sizeof hit_log[0]) return;
    hit_log[i].secret = secret;
    hit_log[i].where = where;
    hit_log[i].count = 1;
    out = hit_log[i].excerpt;
    for (j = 0; j < n && k + 5 < sizeof hit_log[i].excerpt; j++) {
        unsigned char c = (unsigned char)from[j];
        if (c >= 0x20 && c < 0x7f)
            out[k++] = (char)c;
        else
            k += (size_t)snprintf(out + k, 5, "\\x%02x", c);
    }
    out[k] = '\0';
}

/* Counts the secrets in s (see hit_log). */
static void scan_secrets(const char *where, const char *s, size_t n) {
    size_t i;
    const char *p, *e = s, *end = s + n;
    for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
        p = find_number(s, n, secrets[i].text, secrets[i].bounded);
        if (p) hit(secrets[i].name, where, s, end, p);
    }
    /* The expiry year: 2031 within 48 bytes after "expiration". */
    while ((e = memmem(e, (size_t)(end - e), "expiration", 10)) != NULL) {
        size_t win = (size_t)(end - e) < 48 ? (size_t)(end - e) : 48;
        if (find_number(e, win, "2031", 1)) {
            hit("expiry year", where, s, end, e);
            break;
        }
        e += 10;
    }
}

static void print_hits(void) {
    size_t i;
    for (i = 0; i < sizeof hit_log / sizeof hit_log[0] && hit_log[i].secret; i++)
        printf("    secret (%s) in %s, %d time(s): ...%s\n", hit_log[i].secret, hit_log[i].where,
               hit_log[i].count, hit_log[i].excerpt);
}

/* An error text: no secret, valid UTF-8, no control character; ascii_only
 * for a request id. */
static void check_text(const char *where, const char *s, size_t n, int ascii_only) {
    size_t i;
    scan_secrets(where, s, n);
    if (!utf8_valid((const unsigned char *)s, n)) {
        printf("    %s is not valid UTF-8\n", where);
        CHECK(!"every error text is valid UTF-8");
    }
    if (has_control((const unsigned char *)s, n)) {
        printf("    %s has control characters\n", where);
        CHECK(!"no error text has control characters");
    }
    if (ascii_only)
        for (i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e) {
                printf("    %s is not printable ASCII\n", where);
                CHECK(!"the request id is printable ASCII");
                break;
            }
}

static struct { long lines, bytes, max_line, bad_utf8, controls; } logs;

/* Every log line is scanned as it comes and only counted: keeping 30 MiB
 * DEBUG lines would distort the RSS figures. */
static void on_log(void *userdata, mp_log_level level, const char *message, size_t len) {
    (void)userdata;
    logs.lines++;
    logs.bytes += (long)len;
    if ((long)len > logs.max_line) logs.max_line = (long)len;
    scan_secrets("a log line", message, len);
    if (!utf8_valid((const unsigned char *)message, len)) logs.bad_utf8++;
    if (has_control((const unsigned char *)message, len)) logs.controls++;
    if (logs.lines <= 12) {
        printf("    log %d: ", (int)level);
        print_escaped(message, len, 150);
        printf("\n");
    }
}

/* mp_status_name of the old library says "unknown" for MP_ERR_PROTOCOL. */
static const char *name_of(mp_status st) {
    return st == MP_ERR_PROTOCOL ? "protocol" : mp_status_name(st);
}

static void expect_status(mp_status got, mp_status want, int line) {
    char what[160];
    if (got == want) return;
    snprintf(what, sizeof what, "expected %s, got %s", name_of(want), name_of(got));
    fail(line, what);
}
#define EXPECT(got, want) expect_status((got), (want), __LINE__)

/* ---- calls --------------------------------------------------------------- */

static mp_client *new_client_with(const char *base, long timeout_ms, int retries,
                                  const char *proxy) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_status st;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TOKEN);
    mp_config_set_base_url(cfg, base);
    if (strncmp(base, "https:", 6) == 0) mp_config_set_ca_file(cfg, srv.ca_file);
    mp_config_set_timeout_ms(cfg, timeout_ms);
    mp_config_set_max_retries(cfg, retries);
    mp_config_set_retry_delays_ms(cfg, 10, 50, 100);
    mp_config_set_log(cfg, on_log, NULL, MP_LOG_DEBUG);
    if (proxy) mp_config_set_proxy(cfg, proxy);
    st = mp_client_new(cfg, &c);
    mp_config_free(cfg);
    if (st != MP_OK) {
        printf("    cannot create a client: %s\n", mp_error_message(mp_error_last()));
        return NULL;
    }
    return c;
}

static mp_client *new_client(const char *base) {
    mp_client *c = new_client_with(base, TIMEOUT_MS, 1, NULL);
    if (!c) {
        fail(__LINE__, "mp_client_new");
        exit(1);
    }
    return c;
}

struct outcome {
    mp_status st;
    long ms;
    mp_response *res;
    int http, attempts, retryable;
};

/* Checks what an answer exposes: the error texts and the request id. */
static void inspect(struct outcome *o) {
    const mp_error *e = mp_error_last();
    const char *s;
    size_t n;
    printf("    -> %s in %ld ms", name_of(o->st), o->ms);
    if (o->res) printf(", HTTP %d", mp_response_http_status(o->res));
    if (o->st != MP_OK && e) {
        o->http = mp_error_http_status(e);
        o->attempts = mp_error_attempts(e);
        o->retryable = mp_error_retryable(e);
        printf(", attempts %d, retryable %d\n    message: ", o->attempts, o->retryable);
        s = mp_error_message(e);
        print_escaped(s, strlen(s), 300);
        printf("\n");
        CHECK(mp_error_status(e) == o->st);
        check_text("mp_error_message", s, strlen(s), 0);
        s = mp_error_api_error(e);
        check_text("mp_error_api_error", s, strlen(s), 0);
        s = mp_error_causes(e, &n);
        check_text("mp_error_causes", s, n, 0);
        s = mp_error_request_id(e);
        check_text("mp_error_request_id", s, strlen(s), 1);
    } else {
        printf("\n");
    }
    if (o->res) {
        s = mp_response_request_id(o->res);
        check_text("mp_response_request_id", s, strlen(s), 1);
    }
}

static struct outcome call_on(mp_client *c, const char *op, const char *id, const char *token) {
    struct outcome o;
    mp_request *req = NULL;
    long t0;
    memset(&o, 0, sizeof o);
    mp_request_new(&req);
    if (id) mp_request_set_path_param(req, "id", id);
    if (token) mp_request_set_access_token(req, token);
    mp_error_clear();
    t0 = now_ms();
    o.st = mp_client_call(c, op, req, &o.res);
    o.ms = now_ms() - t0;
    mp_request_free(req);
    inspect(&o);
    return o;
}

static struct outcome get(mp_client *c, const char *id) {
    return call_on(c, "payments.get", id, NULL);
}

static void record(const struct outcome *o) {
    main_status = o->st;
    main_ms = o->ms;
}

/* ---- scenarios (each runs in its own child) ------------------------------ */

struct scenario {
    const char *name;
    void (*fn)(const struct scenario *sc);
    const char *plays; /* the server's scenario; NULL: the same name */
    int rss_mib;       /* peak RSS bound over the baseline */
    int hung_s;        /* killed after this long */
};

static const char *plays(const struct scenario *sc) {
    return sc->plays ? sc->plays : sc->name;
}

/* "https-..." and "...-https" over TLS; tls-reset on the port that resets. */
static const char *base_of(const struct scenario *sc) {
    size_t n = strlen(sc->name);
    if (strcmp(sc->name, "tls-reset") == 0) return srv.tls_reset;
    if (strncmp(sc->name, "https-", 6) == 0 || (n > 6 && strcmp(sc->name + n - 6, "-https") == 0))
        return srv.https;
    return srv.http;
}

static void only_get(const struct scenario *sc, mp_status want) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, want);
    mp_response_free(o.res);
    mp_client_free(c);
}

static void expect_server(const struct scenario *sc) {
    only_get(sc, MP_ERR_SERVER);
}
static void expect_validation(const struct scenario *sc) {
    only_get(sc, MP_ERR_VALIDATION);
}
static void expect_ok(const struct scenario *sc) {
    only_get(sc, MP_OK);
}

/* The harness itself works: a normal payment. */
static void ok(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    int64_t id = 0;
    record(&o);
    EXPECT(o.st, MP_OK);
    CHECK(mp_response_get_int64(o.res, "/id", &id) == MP_OK && id == 1);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* Over a limit (body, headers) or not an answer the API gives: refused as
 * soon as it is seen. */
static void protocol_fast(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_ERR_PROTOCOL);
    CHECK(o.ms < FAST_MS);
    if (o.st == MP_OK) {
        size_t len = 0;
        mp_response_body(o.res, &len);
        note("a %zu-byte body accepted", len);
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

/* 299 is inside 200-599: a (strange) success, or refused; either is defined. */
static void status_299(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    CHECK(o.st == MP_OK || o.st == MP_ERR_PROTOCOL);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* Ends within the timeout (and a margin), whatever the status. */
static void within_timeout(const struct scenario *sc, mp_status want1, mp_status want2) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    CHECK(o.st == want1 || o.st == want2);
    if (o.st != want1 && o.st != want2)
        printf("    expected %s or %s\n", name_of(want1), name_of(want2));
    CHECK(o.ms <= TIMEOUT_MS + LATE_MS);
    mp_response_free(o.res);
    mp_client_free(c);
}

static void timeout_only(const struct scenario *sc) {
    within_timeout(sc, MP_ERR_TIMEOUT, MP_ERR_TIMEOUT);
}
static void protocol_or_timeout(const struct scenario *sc) {
    within_timeout(sc, MP_ERR_PROTOCOL, MP_ERR_TIMEOUT);
}

/* Any defined status, within the timeout; a body within the limit. */
static void defined(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    size_t len = 0;
    record(&o);
    CHECK(o.st <= MP_OK && o.st >= MP_STATUS_MIN && o.st != MP_ERR_INTERNAL);
    CHECK(o.ms <= TIMEOUT_MS + LATE_MS);
    if (o.res) {
        mp_response_body(o.res, &len);
        note("body %zu bytes", len);
        CHECK(len <= MP_DEFAULT_MAX_RESPONSE_BYTES);
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

/* A redirect is not followed: MP_ERR_PROTOCOL with the 3xx response. */
static void redirect(const struct scenario *sc) {
    char target[64];
    int code = atoi(plays(sc) + strlen("redirect-"));
    long before, after;
    mp_client *c = new_client(base_of(sc));
    struct outcome o;
    snprintf(target, sizeof target, "target-%s", plays(sc));
    before = admin_count(target);
    o = get(c, plays(sc));
    after = admin_count(target);
    record(&o);
    EXPECT(o.st, MP_ERR_PROTOCOL);
    CHECK(o.res != NULL && mp_response_http_status(o.res) == code);
    CHECK(after - before == 0);
    note("Location followed %ld times", after - before);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* A value that no read may leave behind unless it reports MP_OK. */
#define UNTOUCHED ((int64_t)0x5a5a5a5a5a5a5a5aLL)

/* A 200 whose body is not usable JSON: the call succeeds, reads fail cleanly. */
static int64_t read_int(mp_response *res, const char *pointer, mp_status *st) {
    int64_t v = UNTOUCHED;
    *st = mp_response_get_int64(res, pointer, &v);
    printf("    get_int64(%s) -> %s, %lld\n", pointer, name_of(*st), (long long)v);
    if (*st == MP_ERR_JSON) {
        const char *m = mp_error_message(mp_error_last());
        check_text("the JSON error", m, strlen(m), 0);
    }
    if (*st != MP_OK) CHECK(v == UNTOUCHED);
    return v;
}

static void not_a_value(mp_response *res, const char *pointer) {
    mp_status st;
    read_int(res, pointer, &st);
    CHECK(st == MP_ERR_NOT_PRESENT || st == MP_ERR_JSON);
    note("%s: %s", pointer, name_of(st));
}

static void bad_json_200(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    const char *s = NULL;
    size_t len = 0, n = 0;
    record(&o);
    EXPECT(o.st, MP_OK);
    if (o.res) {
        not_a_value(o.res, "/id");
        /* Other reads are defined too, and the handle stays usable. */
        mp_status st = mp_response_get_string(o.res, "/status", &s, &len);
        CHECK(st == MP_OK || st == MP_ERR_NOT_PRESENT || st == MP_ERR_JSON);
        st = mp_response_get_length(o.res, "", &n);
        CHECK(st == MP_OK || st == MP_ERR_NOT_PRESENT || st == MP_ERR_JSON);
        CHECK(mp_response_exists(o.res, "/id") == 0 || mp_response_exists(o.res, "/id") == 1);
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

static void bigint(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_OK);
    if (o.res) {
        not_a_value(o.res, "/id");
        not_a_value(o.res, "/total");
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

static void bigint_1e300(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_OK);
    if (o.res) {
        not_a_value(o.res, "/id");
        not_a_value(o.res, "/neg");
        not_a_value(o.res, "/big");
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

/* int64's own ends are read exactly; past them is not an int64. */
static void bigint_edge(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    mp_status st;
    int64_t v;
    record(&o);
    EXPECT(o.st, MP_OK);
    if (o.res) {
        v = read_int(o.res, "/max", &st);
        CHECK(st == MP_OK && v == INT64_MAX);
        v = read_int(o.res, "/min", &st);
        CHECK(st == MP_OK && v == INT64_MIN);
        /* -9223372036854775808.0 is -2^63 exactly: INT64_MIN or refused. */
        v = read_int(o.res, "/neg63", &st);
        CHECK((st == MP_OK && v == INT64_MIN) || st == MP_ERR_NOT_PRESENT);
        not_a_value(o.res, "/over");
        not_a_value(o.res, "/u64max");
        not_a_value(o.res, "/two63");
        not_a_value(o.res, "/huge");
        not_a_value(o.res, "/half");
    }
    mp_response_free(o.res);
    mp_client_free(c);
}

/* Failures that may pass if tried again: retried once, then reported. */
static void retried_network(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_ERR_NETWORK);
    CHECK(o.attempts == 2);
    CHECK(o.retryable == 1);
    note("attempts %d, retryable %d", o.attempts, o.retryable);
    mp_response_free(o.res);
    mp_client_free(c);
}

static void retry_after_huge(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_ERR_SERVER);
    CHECK(o.ms < FAST_MS);
    note("attempts %d", o.attempts);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* The API quotes secrets back: none reaches an error text or a log line.
 * Reads: the server quotes the tokens and card data in structured and
 * free-text places. Writes: it also quotes in its request id what the body
 * sent (a bare "8362" there is known to be a secret only because it was
 * sent). */
static void secrets_400(const struct scenario *sc) {
    static const char card[] =
        "{\"card_number\":\"4509953566233704\",\"security_code\":\"8362\","
        "\"expiration_month\":11,\"expiration_year\":2031,\"cardholder\":{\"name\":\"APRO\","
        "\"identification\":{\"type\":\"CPF\",\"number\":\"31415926535\"}}}";
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc)), p;
    int i;
    record(&o);
    EXPECT(o.st, MP_ERR_VALIDATION);
    mp_response_free(o.res);
    p = call_on(c, "payments.get", plays(sc), CALL_TOKEN);
    EXPECT(p.st, MP_ERR_VALIDATION);
    mp_response_free(p.res);
    for (i = 0; i < 2; i++) {
        mp_request *req = NULL;
        struct outcome w;
        long t0;
        memset(&w, 0, sizeof w);
        mp_request_new(&req);
        mp_request_set_body(req, card, strlen(card));
        if (i) mp_request_set_access_token(req, CALL_TOKEN);
        mp_request_add_query(req, "scenario", plays(sc));
        mp_error_clear();
        t0 = now_ms();
        w.st = mp_client_call(c, "card_tokens.create", req, &w.res);
        w.ms = now_ms() - t0;
        inspect(&w);
        EXPECT(w.st, MP_ERR_VALIDATION);
        mp_response_free(w.res);
        mp_request_free(req);
    }
    mp_client_free(c);
}

static void secrets_200(const struct scenario *sc) {
    static const char body[] =
        "{\"transaction_amount\":10,\"token\":\"x\",\"card_number\":\"4509953566233704\","
        "\"security_code\":\"8362\",\"expiration_month\":11,\"expiration_year\":2031,"
        "\"description\":\"card 4509 9535 6623 3704 / 4509-9535-6623-3704, security code 8362, "
        "CPF 31415926535\",\"payer\":{\"identification\":{\"type\":\"CPF\",\"number\":"
        "\"31415926535\"}}}";
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    mp_request *req = NULL;
    mp_response *res = NULL;
    mp_status st;
    record(&o);
    EXPECT(o.st, MP_OK);
    mp_response_free(o.res);
    /* A write with secrets in its own body: the DEBUG request line too. */
    mp_request_new(&req);
    mp_request_set_body(req, body, strlen(body));
    mp_request_set_access_token(req, CALL_TOKEN);
    mp_request_add_query(req, "scenario", plays(sc));
    st = mp_client_call(c, "payments.create", req, &res);
    EXPECT(st, MP_OK);
    mp_response_free(res);
    mp_request_free(req);
    mp_client_free(c);
    CHECK(logs.lines > 0);
}

/* The total timeout covers the work after the last byte: a ~29 MiB error
 * body (300k causes) completes 200 ms before the deadline. */
static void slow_big_error(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, plays(sc));
    record(&o);
    CHECK(o.st == MP_ERR_VALIDATION || o.st == MP_ERR_TIMEOUT);
    CHECK(o.ms <= TIMEOUT_MS + 500);
    mp_response_free(o.res);
    mp_client_free(c);
}

static long rss_now(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

/* Thread-local state keeps no huge buffer once every handle is freed. */
static void memory_after(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    struct outcome o = get(c, "ok");
    long base, held, after;
    mp_response_free(o.res);
    base = rss_now();
    o = get(c, plays(sc));
    record(&o);
    EXPECT(o.st, MP_ERR_VALIDATION);
    mp_response_free(o.res);
    mp_client_free(c);
    held = rss_now();
    mp_error_clear();
    after = rss_now();
    printf("    current RSS: %ld MiB before, %ld MiB after freeing the handles, %ld MiB after "
           "mp_error_clear\n",
           base / MIB, held / MIB, after / MIB);
    note("RSS after %+ld MiB (handles freed %+ld MiB)", (after - base) / MIB, (held - base) / MIB);
#ifdef HOSTILE_ASAN
    printf("    bound skipped under AddressSanitizer: its quarantine keeps freed memory\n");
    note("bound skipped under AddressSanitizer");
#else
    CHECK(after <= base + 40 * MIB);
#endif
}

static void timeouts(const struct scenario *sc) {
    mp_config *cfg = NULL, *big = NULL;
    mp_request *req = NULL;
    mp_client *c = NULL;
    struct outcome o;
    mp_status st;
    (void)sc;
    mp_config_new(&cfg);
    EXPECT(mp_config_set_timeout_ms(cfg, LONG_MAX), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_connect_timeout_ms(cfg, LONG_MAX), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_stall_timeout_ms(cfg, LONG_MAX), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_retry_delays_ms(cfg, 10, LONG_MAX, 100), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_retry_delays_ms(cfg, 10, 50, LONG_MAX), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_timeout_ms(cfg, MP_MAX_TIMEOUT_MS + 1), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_timeout_ms(cfg, MP_MAX_TIMEOUT_MS), MP_OK);
    mp_request_new(&req);
    EXPECT(mp_request_set_timeout_ms(req, LONG_MAX), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_request_set_timeout_ms(req, MP_MAX_TIMEOUT_MS + 1), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_request_set_timeout_ms(req, MP_MAX_TIMEOUT_MS), MP_OK);
    mp_request_free(req);
    mp_config_free(cfg);

    /* Where LONG_MAX is taken, show what a call then does. */
    mp_config_new(&big);
    mp_config_set_access_token(big, TOKEN);
    mp_config_set_base_url(big, srv.http);
    if (mp_config_set_timeout_ms(big, LONG_MAX) == MP_OK &&
        mp_config_set_stall_timeout_ms(big, LONG_MAX) == MP_OK && mp_client_new(big, &c) == MP_OK) {
        o = get(c, "ok");
        note("LONG_MAX accepted; a call then: %s in %ld ms", name_of(o.st), o.ms);
        mp_response_free(o.res);
        mp_client_free(c);
        c = NULL;
    }
    mp_config_free(big);

    /* The largest accepted timeout still makes a normal call. */
    c = new_client_with(srv.http, MP_MAX_TIMEOUT_MS, 1, NULL);
    CHECK(c != NULL);
    if (c) {
        mp_request_new(&req);
        mp_request_set_path_param(req, "id", "ok");
        st = mp_request_set_timeout_ms(req, MP_MAX_TIMEOUT_MS);
        EXPECT(st, MP_OK);
        memset(&o, 0, sizeof o);
        o.ms = now_ms();
        o.st = mp_client_call(c, "payments.get", req, &o.res);
        o.ms = now_ms() - o.ms;
        inspect(&o);
        record(&o);
        EXPECT(o.st, MP_OK);
        mp_response_free(o.res);
        mp_request_free(req);
        mp_client_free(c);
    }
}

/* 100,000 path parameters: refused, or quick (the old setter was quadratic). */
static void path_params(const struct scenario *sc) {
    mp_client *c = new_client(base_of(sc));
    mp_request *req = NULL;
    struct outcome o;
    char name[32];
    long t0 = now_ms(), set_ms;
    int i, refused = -1, gave_up = 0;
    mp_status st = MP_OK;
    mp_request_new(&req);
    mp_request_set_path_param(req, "id", "ok");
    for (i = 0; i < 100000; i++) {
        snprintf(name, sizeof name, "p%d", i);
        st = mp_request_set_path_param(req, name, "v");
        if (st != MP_OK) {
            refused = i;
            break;
        }
        if ((i & 1023) == 0 && now_ms() - t0 > 10000) {
            gave_up = 1; /* bounded: report the rate instead */
            break;
        }
    }
    set_ms = now_ms() - t0;
    printf("    %d path params set in %ld ms%s\n", i, set_ms,
           refused >= 0 ? " (then refused)"
           : gave_up    ? " (gave up)"
                        : "");
    if (refused >= 0) {
        EXPECT(st, MP_ERR_INVALID_ARGUMENT);
        note("refused at param %d (%s) after %ld ms", refused, name_of(st), set_ms);
    } else {
        note("%d params set in %ld ms%s", i, set_ms, gave_up ? " (gave up at 10 s)" : "");
        CHECK(set_ms < 1000);
    }
    memset(&o, 0, sizeof o);
    o.ms = now_ms();
    o.st = mp_client_call(c, "payments.get", req, &o.res);
    o.ms = now_ms() - o.ms;
    inspect(&o);
    record(&o);
    CHECK(o.st == MP_ERR_INVALID_ARGUMENT); /* p0... are not parameters of payments.get */
    CHECK(o.ms < 1000);
    mp_response_free(o.res);
    mp_request_free(req);
    mp_client_free(c);
}

/* Every proxy variable points at the recorder: a call to an http://
 * loopback base URL still goes direct, and the recorder sees nothing. */
static void set_proxy_env(void) {
    static const char *const names[] = {"http_proxy",  "HTTP_PROXY", "https_proxy",
                                        "HTTPS_PROXY", "all_proxy",  "ALL_PROXY"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        setenv(names[i], srv.proxy, 1);
    unsetenv("no_proxy");
    unsetenv("NO_PROXY");
}

static void direct_despite_env(const struct scenario *sc) {
    const char *base = base_of(sc);
    int opt_in = strstr(sc->name, "opt-in") != NULL;
    struct proxy_stats before = proxy_stats(), after;
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    struct outcome o;
    int64_t id = 0;
    set_proxy_env();
    c = new_client(base);
    if (opt_in) {
#ifndef MP_OLD_ABI
        /* Opting in to the environment changes nothing for http://. */
        mp_client_free(c);
        mp_config_new(&cfg);
        mp_config_set_access_token(cfg, TOKEN);
        mp_config_set_base_url(cfg, base);
        mp_config_set_log(cfg, on_log, NULL, MP_LOG_DEBUG);
        EXPECT(mp_config_set_proxy_from_environment(cfg, 1), MP_OK);
        EXPECT(mp_client_new(cfg, &c), MP_OK);
        mp_config_free(cfg);
#else
        printf("    the old ABI has no mp_config_set_proxy_from_environment: plain call\n");
        (void)cfg;
#endif
    }
    o = get(c, plays(sc));
    record(&o);
    after = proxy_stats();
    EXPECT(o.st, MP_OK);
    if (o.res) mp_response_get_int64(o.res, "/id", &id);
    note("answer id %lld; proxy saw %d connections, %d with Authorization", (long long)id,
         after.connections - before.connections, after.authorization - before.authorization);
    CHECK(id == 1);
    CHECK(after.connections == before.connections);
    CHECK(after.authorization == before.authorization);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* An explicit proxy with an http:// base URL would get the token in clear:
 * refused when the client is created. */
static void proxy_http_refused(const struct scenario *sc) {
    struct proxy_stats before = proxy_stats(), after;
    mp_client *c = new_client_with(base_of(sc), TIMEOUT_MS, 1, srv.proxy);
    const mp_error *e = mp_error_last();
    struct outcome o;
    main_status = c ? MP_OK : mp_error_status(e);
    main_ms = 0;
    if (!c) {
        EXPECT(mp_error_status(e), MP_ERR_INVALID_ARGUMENT);
        note("mp_client_new: %s", name_of(mp_error_status(e)));
        return;
    }
    fail(__LINE__, "mp_client_new accepted a proxy for an http:// base URL");
    o = get(c, plays(sc));
    record(&o);
    after = proxy_stats();
    note("accepted; the call: %s; proxy saw %d connections, %d with Authorization", name_of(o.st),
         after.connections - before.connections, after.authorization - before.authorization);
    CHECK(after.authorization == before.authorization);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* https:// through an explicit proxy: only a CONNECT reaches it, never the
 * token. (The recorder refuses the tunnel, so the call fails.) */
static void proxy_https_connect(const struct scenario *sc) {
    struct proxy_stats before = proxy_stats(), after;
    mp_client *c = new_client_with(srv.https, TIMEOUT_MS, 0, srv.proxy);
    struct outcome o;
    CHECK(c != NULL);
    if (!c) return;
    o = get(c, plays(sc));
    record(&o);
    after = proxy_stats();
    note("proxy saw %d connections, %d CONNECT, %d with Authorization",
         after.connections - before.connections, after.connect - before.connect,
         after.authorization - before.authorization);
    CHECK(o.st != MP_OK);
    CHECK(after.connections - before.connections >= 1);
    CHECK(after.connect - before.connect == after.connections - before.connections);
    CHECK(after.authorization == before.authorization && after.token == before.token);
    mp_response_free(o.res);
    mp_client_free(c);
}

/* The pager against a server that ignores offset: it stops, hands out each
 * item once, and makes few requests. */
static void pager_walk(const struct scenario *sc) {
    const char *scenario = plays(sc);
    /* ignores-offset: ids 1..50 again and again; overlap: 100 items, 5 new a
     * page (~20 pages are worth asking for); total-1e300: 3 items. */
    int overlap = strcmp(scenario, "paging-overlap") == 0;
    int want_items = overlap ? 100 : strcmp(scenario, "paging-total-1e300") == 0 ? 3 : 50;
    int max_requests = overlap ? 25 : 3;
    mp_client *c = new_client(base_of(sc));
    mp_request *req = NULL;
    mp_pager *p = NULL;
    const char *json;
    size_t len;
    int seen[101], items = 0, dups = 0, odd = 0, i;
    long before = admin_count(scenario), requests, t0 = now_ms();
    mp_status st = MP_OK;
    int64_t total;
    memset(seen, 0, sizeof seen);
    mp_request_new(&req);
    mp_request_add_query(req, "scenario", scenario);
    EXPECT(mp_pager_new(c, "payments.search", req, 50, &p), MP_OK);
    for (i = 0; p && i < 1000; i++) { /* bounded: a pager that never stops fails */
        const char *id;
        long v;
        st = mp_pager_next_item(p, &json, &len);
        if (st != MP_OK) break;
        items++;
        id = strstr(json, "\"id\":");
        v = id ? strtol(id + 5, NULL, 10) : -1;
        if (v >= 1 && v <= 100)
            dups += seen[v]++ > 0;
        else
            odd++;
    }
    main_ms = now_ms() - t0;
    main_status = st;
    requests = admin_count(scenario) - before;
    total = p ? mp_pager_total(p) : -1;
    printf("    %d items, %d repeated, %ld requests, ended with %s, total %lld\n", items, dups,
           requests, name_of(st), (long long)total);
    note("%d items, %d repeated, %ld requests, total %lld", items, dups, requests,
         (long long)total);
    EXPECT(st, MP_ITER_OVER);
    CHECK(dups == 0 && odd == 0);
    CHECK(items == want_items);
    CHECK(requests <= max_requests);
    CHECK(total == -1); /* never sent, or not a count (1e300) */
    mp_pager_free(p);
    mp_request_free(req);
    mp_client_free(c);
}

/* The limit is the caller's to lower: a 1.5 KB body over a 1 KiB limit. */
static void small_limit(const struct scenario *sc) {
#ifndef MP_OLD_ABI
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    struct outcome o;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TOKEN);
    mp_config_set_base_url(cfg, base_of(sc));
    mp_config_set_log(cfg, on_log, NULL, MP_LOG_DEBUG);
    EXPECT(mp_config_set_max_response_bytes(cfg, 100), MP_ERR_INVALID_ARGUMENT);
    EXPECT(mp_config_set_max_response_bytes(cfg, 1024), MP_OK);
    EXPECT(mp_client_new(cfg, &c), MP_OK);
    mp_config_free(cfg);
    if (!c) return;
    o = get(c, "ok");
    EXPECT(o.st, MP_OK);
    mp_response_free(o.res);
    o = get(c, "secrets-200");
    record(&o);
    EXPECT(o.st, MP_ERR_PROTOCOL);
    mp_response_free(o.res);
    mp_client_free(c);
#else
    (void)sc;
    printf("    skipped: the old ABI has no mp_config_set_max_response_bytes\n");
    note("skipped (old ABI)");
#endif
}

/* ---- the parent ---------------------------------------------------------- */

/* MiB over the baseline: the 32 MiB limit + 96 MiB; ~8x a 29 MiB body within the limit. */
enum { SMALL = 128, BIG = 256 };

static const struct scenario scenarios[] = {
    {"ok", ok, NULL, SMALL, 20},
    {"https-ok", ok, "ok", SMALL, 20},
    {"big-length", protocol_fast, NULL, SMALL, 20},
    {"https-big-length", protocol_fast, "big-length", SMALL, 20},
    {"big-chunked", protocol_fast, NULL, SMALL, 20},
    {"big-close", protocol_fast, NULL, SMALL, 20},
    {"big-error", protocol_fast, NULL, SMALL, 20},
    {"big-error-length", protocol_fast, NULL, SMALL, 20},
    {"endless-headers", protocol_fast, NULL, SMALL, 20},
    {"huge-header", protocol_fast, NULL, SMALL, 20},
    {"endless-100", protocol_or_timeout, NULL, SMALL, 20},
    {"slowloris", timeout_only, NULL, SMALL, 20},
    {"slowloris-headers", timeout_only, NULL, SMALL, 20},
    {"redirect-301", redirect, NULL, SMALL, 20},
    {"redirect-302", redirect, NULL, SMALL, 20},
    {"redirect-303", redirect, NULL, SMALL, 20},
    {"redirect-307", redirect, NULL, SMALL, 20},
    {"redirect-308", redirect, NULL, SMALL, 20},
    {"invalid-json", bad_json_200, NULL, SMALL, 20},
    {"nested-json", bad_json_200, NULL, SMALL, 20},
    {"nested-object", bad_json_200, NULL, SMALL, 20},
    {"redactor-crash", bad_json_200, NULL, SMALL, 20},
    {"redactor-crash-500", expect_server, NULL, SMALL, 20},
    {"bigint", bigint, NULL, SMALL, 20},
    {"bigint-1e300", bigint_1e300, NULL, SMALL, 20},
    {"bigint-edge", bigint_edge, NULL, SMALL, 20},
    {"non-utf8", bad_json_200, NULL, SMALL, 20},
    {"non-utf8-400", expect_validation, NULL, SMALL, 20},
    {"control-chars-400", expect_validation, NULL, SMALL, 20},
    {"html", expect_server, NULL, SMALL, 20},
    {"status-000", protocol_fast, NULL, SMALL, 20},
    {"status-099", protocol_fast, NULL, SMALL, 20},
    {"status-299", status_299, NULL, SMALL, 20},
    {"status-600", protocol_fast, NULL, SMALL, 20},
    {"status-999", protocol_fast, NULL, SMALL, 20},
    {"http09", protocol_fast, NULL, SMALL, 20},
    {"header-nul", protocol_fast, NULL, SMALL, 20},
    {"empty-reply", retried_network, NULL, SMALL, 20},
    {"truncated", retried_network, NULL, SMALL, 20},
    {"rst-mid-body", retried_network, NULL, SMALL, 20},
    {"dup-length", defined, NULL, SMALL, 20},
    {"gzip-bomb", defined, NULL, SMALL, 20},
    {"retry-after-huge", retry_after_huge, NULL, SMALL, 20},
    {"tls-reset", retried_network, "ok", SMALL, 20},
    {"secrets", secrets_400, NULL, SMALL, 20},
    {"https-secrets", secrets_400, "secrets", SMALL, 20},
    {"secrets-200", secrets_200, NULL, SMALL, 20},
    {"slow-big-error", slow_big_error, NULL, BIG, 30},
    {"memory-after", memory_after, "big-error-30m", BIG, 30},
    {"small-limit", small_limit, NULL, SMALL, 20},
    {"timeouts", timeouts, NULL, SMALL, 20},
    {"path-params", path_params, NULL, SMALL, 40},
    {"proxy-env", direct_despite_env, "ok", SMALL, 20},
    {"proxy-env-opt-in", direct_despite_env, "ok", SMALL, 20},
    {"proxy-env-https", direct_despite_env, "ok", SMALL, 20},
    {"proxy-http-refused", proxy_http_refused, "ok", SMALL, 20},
    {"proxy-https-connect", proxy_https_connect, "ok", SMALL, 20},
    {"paging-ignores-offset", pager_walk, NULL, SMALL, 20},
    {"paging-overlap", pager_walk, NULL, SMALL, 20},
    {"paging-total-1e300", pager_walk, NULL, SMALL, 20},
    {NULL, NULL, NULL, 0, 0},
};

/* A client and one good call: the RSS baseline. */
static const struct scenario baseline = {"baseline", expect_ok, "ok", 0, 20};

/* A child whose RSS passes this is killed (the machine's sake): 4 GiB. */
#define RUNAWAY_KIB (4L << 20)

struct result {
    char report[1024]; /* the child's last line */
    long peak_kib;
    int sig, exit_code, hung, runaway, reported;
    long wall_ms;
};

static long child_rss_kib(pid_t pid) {
    char path[64];
    long pages = 0, resident = 0;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
    f = fopen(path, "r");
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void child_finish(void) {
    char line[1024];
    int n;
    print_hits();
    if (secret_hits) fail(__LINE__, "a secret in an error text or a log line");
    if (logs.bad_utf8 || logs.controls)
        note("log lines: %ld not UTF-8, %ld with control characters", logs.bad_utf8, logs.controls);
    n = snprintf(line, sizeof line, "%s|%ld|%d|%d|%ld|%s\n", name_of(main_status), main_ms,
                 secret_hits, failures, logs.max_line, note_text);
    if (n > (int)sizeof line - 1) {
        n = (int)sizeof line - 1;
        line[n - 1] = '\n';
    }
    if (write(report_fd, line, (size_t)n) != n) failures++;
    close(report_fd);
    exit(failures ? 1 : 0);
}

static void run_child(const struct scenario *sc, struct result *r) {
    int p[2], status = 0;
    long deadline, rss, t0 = now_ms();
    size_t got = 0;
    struct rusage ru;
    pid_t pid;
    char buf[1024];
    ssize_t k;
    memset(r, 0, sizeof *r);
    if (pipe(p) != 0) {
        perror("pipe");
        exit(2);
    }
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        close(server_stdin);
        report_fd = p[1];
        sc->fn(sc);
        child_finish();
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    deadline = now_ms() + sc->hung_s * 1000L;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        if (wait4(pid, &status, WNOHANG, &ru) == pid) break;
        while (got < sizeof buf - 1 && (k = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
            got += (size_t)k;
        rss = child_rss_kib(pid);
        if (rss > r->peak_kib) r->peak_kib = rss;
        if (!r->hung && !r->runaway && (now_ms() > deadline || rss > RUNAWAY_KIB)) {
            if (rss > RUNAWAY_KIB)
                r->runaway = 1;
            else
                r->hung = 1;
            kill(pid, SIGKILL);
            wait4(pid, &status, 0, &ru);
            break;
        }
        sleep_ms(5);
    }
    while (got < sizeof buf - 1 && (k = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)k;
    close(p[0]);
    buf[got] = '\0';
    r->wall_ms = now_ms() - t0;
    if (got > 0 && buf[got - 1] == '\n') {
        buf[got - 1] = '\0';
        r->reported = 1;
        snprintf(r->report, sizeof r->report, "%s", buf);
    }
    if (ru.ru_maxrss > r->peak_kib) r->peak_kib = ru.ru_maxrss;
    if (WIFSIGNALED(status) && !r->hung && !r->runaway) r->sig = WTERMSIG(status);
    if (WIFEXITED(status)) r->exit_code = WEXITSTATUS(status);
}

/* Bound on the child's peak RSS: the baseline plus the scenario's allowance,
 * widened under a sanitizer (shadow memory, redzones, quarantine). */
static long rss_bound_kib(const struct scenario *sc, long baseline_kib) {
    long allowance = sc->rss_mib * 1024L;
#if defined(SANITIZER)
    allowance = allowance * RSS_FACTOR + 128L * 1024;
#endif
    return baseline_kib + allowance;
}

static int run_scenario(const struct scenario *sc, long baseline_kib) {
    struct result r;
    char field[6][600];
    const char *status;
    const char *p;
    int i, ok = 1;
    long bound = rss_bound_kib(sc, baseline_kib);
    printf("- %s\n", sc->name);
    fflush(stdout);
    run_child(sc, &r);
    memset(field, 0, sizeof field);
    for (i = 0, p = r.report; i < 6 && r.reported; i++) {
        const char *bar = i < 5 ? strchr(p, '|') : NULL;
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= sizeof field[i]) n = sizeof field[i] - 1;
        memcpy(field[i], p, n);
        if (!bar) break;
        p = bar + 1;
    }
    status = r.reported ? field[0] : "none";
    if (r.sig) {
        printf("  FAILED: killed by signal %d (%s)\n", r.sig, strsignal(r.sig));
        ok = 0;
    }
    if (r.hung) {
        printf("  FAILED: hung (killed after %d s)\n", sc->hung_s);
        ok = 0;
    }
    if (r.runaway) {
        printf("  FAILED: RSS over %ld MiB (killed)\n", RUNAWAY_KIB / 1024);
        ok = 0;
    }
    if (!r.reported && !r.sig && !r.hung && !r.runaway) {
        printf("  FAILED: the child ended (exit %d) without a report: a crash\n", r.exit_code);
        ok = 0;
    }
    if (r.reported && r.exit_code != 0) {
        printf("  FAILED: %s checks failed (exit %d)\n", field[3], r.exit_code);
        ok = 0;
    }
    if (r.peak_kib > bound) {
        printf("  FAILED: peak RSS %ld MiB over the bound %ld MiB (baseline %ld + %d MiB%s)\n",
               r.peak_kib / 1024, bound / 1024, baseline_kib / 1024, sc->rss_mib,
#ifdef SANITIZER
               ", widened for " SANITIZER
#else
               ""
#endif
        );
        ok = 0;
    }
    printf("FIGURE | %s | %s | %s ms | peak %ld MiB (%+ld) | %s | secrets %s | %s\n", sc->name,
           r.hung      ? "hung"
           : r.runaway ? "rss-runaway"
                       : status,
           r.reported ? field[1] : "-", r.peak_kib / 1024, (r.peak_kib - baseline_kib) / 1024,
           r.sig ? strsignal(r.sig) : "no signal", r.reported ? field[2] : "-", field[5]);
    printf("  %s\n", ok ? "passed" : "FAILED");
    fflush(stdout);
    return ok;
}

int main(int argc, char **argv) {
    const struct scenario *sc;
    struct result base;
    int i, passed = 0, failed = 0;
    long baseline_kib;

    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (sc = scenarios; sc->name; sc++)
            printf("%s\n", sc->name);
        return 0;
    }
    for (i = 1; i < argc; i++) {
        for (sc = scenarios; sc->name && strcmp(sc->name, argv[i]) != 0; sc++) {
        }
        if (!sc->name) {
            fprintf(stderr, "unknown scenario '%s' (see --list)\n", argv[i]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef SANITIZER
    printf("built with " SANITIZER ": the peak RSS bounds are widened (x%d + 128 MiB, for its "
           "shadow memory)%s; time bounds are unchanged\n",
           RSS_FACTOR,
#ifdef HOSTILE_ASAN
           " and the memory-after bound is skipped (its quarantine keeps freed memory)"
#else
           ""
#endif
    );
#endif
#ifdef MP_OLD_ABI
    printf("built for the old ABI (MP_OLD_ABI): calls it lacks are skipped\n");
#endif
    if (!start_server()) return 2;
    printf("hostile server: http %d, https %d, tls-reset %d, proxy %d\n", srv.http_port,
           srv.https_port, srv.tls_reset_port, srv.proxy_port);

    run_child(&baseline, &base);
    baseline_kib = base.peak_kib;
    printf("baseline (a client and one call): peak RSS %ld MiB, %s\n", baseline_kib / 1024,
           base.reported && base.exit_code == 0 ? "ok" : "FAILED");
    if (!base.reported || base.exit_code != 0) {
        stop_server();
        return 1;
    }

    for (sc = scenarios; sc->name; sc++) {
        int wanted = argc < 2;
        for (i = 1; i < argc; i++)
            wanted |= strcmp(argv[i], sc->name) == 0;
        if (!wanted) continue;
        if (run_scenario(sc, baseline_kib))
            passed++;
        else
            failed++;
    }
    stop_server();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
