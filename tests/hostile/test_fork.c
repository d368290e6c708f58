/* fork() under load: 16 threads share a client of the sandbox (HTTPS) while
 * the main thread forks again and again; each child makes one call with the
 * same client and must succeed (it gets connections of its own) and must
 * never hang on a lock some parent thread held at fork time.
 *
 *   test_fork [--sandbox-in-process] [forks] [seconds] [threads]
 *             defaults: 3000 forks, at most 20 s, 16 threads
 *
 * The sandbox runs in a process of its own (forked before any thread
 * exists): its server threads use OpenSSL too, and a child forked while one
 * of them holds an OpenSSL lock would hang whatever the client does.
 * --sandbox-in-process keeps it in this process (as tests/capi do), to
 * compare. Many forks: before the fix about 1 child in 1000 hung, so 500
 * forks often saw none. Exit status: 0 passed, 1 failed, 77 skipped
 * (AddressSanitizer). */
#define _GNU_SOURCE
#include "../capi/fixture.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HOSTILE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HOSTILE_ASAN 1
#endif
#endif

#define MAX_THREADS 64
#define IN_FLIGHT 4      /* children alive at once */
#define CHILD_LIMIT_S 10 /* a child still alive after this is hung */

static mp_client *client;
static char payment_id[32];
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;
static int stop;

struct worker {
    pthread_t thread;
    long ok, failed;
};

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int stopping(void) {
    int s;
    pthread_mutex_lock(&stop_lock);
    s = stop;
    pthread_mutex_unlock(&stop_lock);
    return s;
}

static void *work(void *arg) {
    struct worker *w = (struct worker *)arg;
    while (!stopping()) {
        mp_response *res = NULL;
        mp_status st = call(client, "payments.get", NULL, "id", payment_id, NULL, NULL, &res);
        mp_response_free(res);
        res = NULL;
        if (st == MP_OK) st = mp_client_call(client, "payment_methods.list", NULL, &res);
        mp_response_free(res);
        if (st == MP_OK)
            w->ok++;
        else
            w->failed++;
    }
    return NULL;
}

/* In the child: one call with the parent's client, then _exit (no
 * destructor of the parent's state runs). 0 is success, 100 + n is status -n. */
static void child(void) {
    mp_response *res = NULL;
    mp_status st = call(client, "payments.get", NULL, "id", payment_id, NULL, NULL, &res);
    _exit(st == MP_OK ? 0 : 100 - (int)st);
}

/* ---- the sandbox, in a process of its own --------------------------------- */

static pid_t sandbox_pid = -1;
static int sandbox_stdin = -1;
static char sandbox_url[256];
static char sandbox_pem[16384];

/* The server process sends "URL\nPEM" and serves until its stdin closes. */
static int start_sandbox_process(void) {
    int up[2], down[2];
    size_t got = 0;
    ssize_t n;
    char *nl;
    static char buf[sizeof sandbox_url + sizeof sandbox_pem];
    if (pipe(up) != 0 || pipe(down) != 0) return 0;
    fflush(NULL);
    sandbox_pid = fork();
    if (sandbox_pid == 0) {
        mp_sandbox *sb = NULL;
        mp_sandbox_options *tls = NULL;
        char c;
        close(up[0]);
        close(down[1]);
        if (mp_sandbox_options_new(&tls) != MP_SANDBOX_OK ||
            mp_sandbox_options_set_tls(tls, 1) != MP_SANDBOX_OK ||
            mp_sandbox_start(tls, &sb) != MP_SANDBOX_OK) {
            fprintf(stderr, "cannot start the sandbox: %s\n", mp_sandbox_last_error());
            _exit(2);
        }
        mp_sandbox_options_free(tls);
        if (write(up[1], mp_sandbox_url(sb), strlen(mp_sandbox_url(sb))) < 0 ||
            write(up[1], "\n", 1) < 0 ||
            write(up[1], mp_sandbox_ca_pem(sb), strlen(mp_sandbox_ca_pem(sb))) < 0)
            _exit(2);
        close(up[1]);
        while (read(down[0], &c, 1) > 0) {
        }
        mp_sandbox_stop(sb);
        _exit(0);
    }
    close(up[1]);
    close(down[0]);
    sandbox_stdin = down[1];
    while (got < sizeof buf - 1 && (n = read(up[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    close(up[0]);
    buf[got] = '\0';
    nl = strchr(buf, '\n');
    if (!nl || (size_t)(nl - buf) >= sizeof sandbox_url || strlen(nl + 1) >= sizeof sandbox_pem)
        return 0;
    memcpy(sandbox_url, buf, (size_t)(nl - buf));
    sandbox_url[nl - buf] = '\0';
    strcpy(sandbox_pem, nl + 1);
    return 1;
}

static void stop_sandbox_process(void) {
    int status;
    if (sandbox_pid <= 0) return;
    close(sandbox_stdin);
    waitpid(sandbox_pid, &status, 0);
}

static mp_client *new_client(const char *url, const char *pem) {
    mp_config *cfg = NULL;
    mp_client *c = NULL;
    mp_config_new(&cfg);
    mp_config_set_access_token(cfg, TEST_TOKEN);
    mp_config_set_base_url(cfg, url);
    mp_config_set_ca_pem(cfg, pem, strlen(pem));
    if (mp_client_new(cfg, &c) != MP_OK)
        fprintf(stderr, "cannot create a client: %s\n", mp_error_message(mp_error_last()));
    mp_config_free(cfg);
    return c;
}

struct kid {
    pid_t pid;
    long started;
};

int main(int argc, char **argv) {
    int in_process = argc > 1 && strcmp(argv[1], "--sandbox-in-process") == 0;
    int a = in_process ? 2 : 1;
    int max_forks = argc > a ? atoi(argv[a]) : 3000;
    long max_ms = (argc > a + 1 ? atol(argv[a + 1]) : 20) * 1000L;
    int threads = argc > a + 2 ? atoi(argv[a + 2]) : 16;
    struct worker w[MAX_THREADS];
    struct kid kids[IN_FLIGHT];
    int forks = 0, ok = 0, failed = 0, hung = 0, signaled = 0, alive = 0, i, status;
    int by_status[32];
    long t0, thread_ok = 0, thread_failed = 0;
    mp_response *res = NULL;

    setvbuf(stdout, NULL, _IOLBF, 0);
#ifdef HOSTILE_ASAN
    /* A child forked while another thread holds the lock of ASan's own
     * allocator hangs in its first malloc (GCC 12's libasan does not take
     * it around fork): that would be measured, not the library. */
    printf("skipped under AddressSanitizer: its allocator is not fork-safe with threads "
           "(children hang in malloc); run it in the dev or tsan build\n");
    return 77;
#endif
    memset(w, 0, sizeof w);
    memset(kids, 0, sizeof kids);
    memset(by_status, 0, sizeof by_status);
    if (in_process) {
        printf("the sandbox runs in this process\n");
        client =
            new_client(mp_sandbox_url(fixture_sandbox()), mp_sandbox_ca_pem(fixture_sandbox()));
    } else {
        if (!start_sandbox_process()) {
            fprintf(stderr, "the sandbox process did not start\n");
            return 2;
        }
        client = new_client(sandbox_url, sandbox_pem);
    }
    if (!client) return 2;
    if (pay(client, "APRO", 10, 1, "fork-test", &res) != MP_OK) {
        fprintf(stderr, "cannot create a payment: %s\n", mp_error_message(mp_error_last()));
        return 2;
    }
    snprintf(payment_id, sizeof payment_id, "%lld", int_at(res, "/id"));
    mp_response_free(res);

    if (threads < 1 || threads > MAX_THREADS) threads = 16;
    for (i = 0; i < threads; i++)
        if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0) return 2;

    t0 = now_ms();
    while (alive > 0 || (forks < max_forks && now_ms() - t0 < max_ms)) {
        /* Reap, or kill what has run too long. */
        for (i = 0; i < IN_FLIGHT; i++) {
            pid_t r;
            if (kids[i].pid == 0) continue;
            r = waitpid(kids[i].pid, &status, WNOHANG);
            if (r == 0 && now_ms() - kids[i].started > CHILD_LIMIT_S * 1000L) {
                kill(kids[i].pid, SIGKILL);
                waitpid(kids[i].pid, &status, 0);
                hung++;
            } else if (r == kids[i].pid) {
                if (WIFSIGNALED(status)) {
                    signaled++;
                    printf("child %ld: signal %d\n", (long)r, WTERMSIG(status));
                } else if (WEXITSTATUS(status) == 0) {
                    ok++;
                } else {
                    failed++;
                    if (WEXITSTATUS(status) >= 100 && WEXITSTATUS(status) < 132)
                        by_status[WEXITSTATUS(status) - 100]++;
                }
            } else {
                continue;
            }
            kids[i].pid = 0;
            alive--;
        }
        if (forks < max_forks && now_ms() - t0 < max_ms && alive < IN_FLIGHT) {
            for (i = 0; kids[i].pid != 0; i++) {
            }
            fflush(NULL);
            kids[i].pid = fork();
            if (kids[i].pid == 0) child();
            if (kids[i].pid < 0) {
                perror("fork");
                kids[i].pid = 0;
                break;
            }
            kids[i].started = now_ms();
            alive++;
            forks++;
        } else {
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
        }
    }

    pthread_mutex_lock(&stop_lock);
    stop = 1;
    pthread_mutex_unlock(&stop_lock);
    for (i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        thread_ok += w[i].ok;
        thread_failed += w[i].failed;
    }
    printf("FIGURE | fork%s | %d forks in %ld ms | %d ok | %d failed | %d hung | %d signaled | "
           "%d threads: %ld loops ok, %ld failed\n",
           in_process ? " (sandbox in process)" : "", forks, now_ms() - t0, ok, failed, hung,
           signaled, threads, thread_ok, thread_failed);
    for (i = 1; i < 32; i++)
        if (by_status[i])
            printf("  %d children failed with %s\n", by_status[i], mp_status_name((mp_status)-i));
    mp_client_free(client);
    if (in_process)
        fixture_teardown();
    else
        stop_sandbox_process();
    if (forks < 100) printf("FAILED: only %d forks\n", forks);
    if (hung || failed || signaled || thread_failed) printf("FAILED\n");
    return hung == 0 && failed == 0 && signaled == 0 && thread_failed == 0 && forks >= 100 ? 0 : 1;
}
