"""Persistent clients under real php-fpm (Debian's php8.2-fpm), against mp-sandbox over HTTPS.

  python3 fpm_test.py MP_SANDBOX MERCADOPAGO_NATIVE_SO

A static pool of 2 workers serves web requests sent over FastCGI (fastcgi.py); each request
makes a new Client and one API call (app.php). The sandbox's counters (/__sandbox/health) say
how many connections and TLS handshakes the requests cost:
  - persistent: 50 requests open at most one connection (one handshake) per worker that served;
  - per request: one connection per web request;
  - two tokens alternating on persistent clients each see their own account (the connection is
    shared, the token never), a logger closure of one request is not called in the next;
  - a recycled worker (pm.max_requests) opens its own connection and works;
  - a request answered 404 leaves the persistent connection usable.
php-fpm missing is a failure, not a skip (scripts/bootstrap.sh installs it).
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fastcgi import drive  # noqa: E402
from harness import Counters, PhpFpm, Sandbox, find_php_fpm  # noqa: E402

APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.php")
TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"
TOKEN_A = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1111111"
TOKEN_B = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-2222222"
WORKERS = 2
N = 50

passed = failed = 0


def check(ok, what):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if ok:
        passed += 1
    else:
        failed += 1


def query(**params):
    return "&".join(f"{k}={v}" for k, v in params.items())


def bodies(responses):
    import json
    out = []
    for r in responses:
        try:
            out.append(json.loads(r.body))
        except ValueError:
            out.append({"raw": r.text(), "stderr": r.stderr})
    return out


def no_crash(fpm, what):
    log = fpm.output()
    check("exited on signal" not in log and "PHP Fatal" not in log,
          f"{what}: no worker crashed nor failed (php-fpm log)" + ("" if "signal" not in log else f":\n{log}"))


def main():
    sandbox_bin, extension = sys.argv[1], os.path.abspath(sys.argv[2])
    find_php_fpm()
    with tempfile.TemporaryDirectory() as work:
        sandbox = Sandbox(sandbox_bin, work)
        counters = Counters(sandbox.url, sandbox.ca)
        env = {"MP_FPM_BASE_URL": sandbox.url, "MP_FPM_CA_FILE": sandbox.ca}

        def pool(name, **kwargs):
            folder = os.path.join(work, name)
            os.mkdir(folder)
            return PhpFpm(folder, WORKERS, extensions=[extension], env=env, **kwargs)

        try:
            run(pool, counters)
        finally:
            sandbox.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def run(pool, counters):
    fpm = pool("main")
    try:
        # A payment to read, made by a per-request client (its connection closes with it).
        setup = drive(fpm.socket, APP, [query(op="setup", token=TOKEN, persistent=0)])[0]
        check(setup.status == 200, f"a web request creates a payment ({setup.status} {setup.text()})")
        payment = bodies([setup])[0].get("id")

        # Persistent: at most one connection and one handshake per worker.
        before = counters.read()
        responses = drive(fpm.socket, APP, [query(op="payment", id=payment, token=TOKEN, persistent=1)] * N,
                          concurrency=WORKERS)
        d = counters.delta(before)
        out = bodies(responses)
        pids = {b.get("pid") for b in out}
        check(all(r.status == 200 for r in responses) and all(b.get("id") == payment for b in out),
              f"persistent: {N} web requests read the payment")
        check(d["requests"] == N, f"persistent: the sandbox served {N} API requests (got {d['requests']})")
        check(d["connections"] <= WORKERS and d["connections"] <= len(pids),
              f"persistent: {d['connections']} connection(s) for {N} web requests on {len(pids)} of "
              f"{WORKERS} workers (at most one per worker)")
        check(d["tls_handshakes"] <= d["connections"],
              f"persistent: {d['tls_handshakes']} TLS handshake(s), at most one per connection")

        # Per request (persistent off): a connection per web request.
        before = counters.read()
        responses = drive(fpm.socket, APP, [query(op="payment", id=payment, token=TOKEN, persistent=0)] * N,
                          concurrency=WORKERS)
        d = counters.delta(before)
        check(all(r.status == 200 for r in responses), f"per request: {N} web requests read the payment")
        check(d["connections"] == N and d["tls_handshakes"] == N,
              f"per request: one connection and one TLS handshake per web request "
              f"({d['connections']} and {d['tls_handshakes']} for {N}; {d['tls_resumed']} resumed)")
        no_crash(fpm, "persistent and per request")
    finally:
        fpm.stop()

    # Two tokens alternating on persistent clients (of the same settings: one shared transport
    # per worker); every other request has a logger closure, which dies with its request.
    fpm = pool("tokens")
    try:
        tokens = [TOKEN_A, TOKEN_B] * (N // 2)
        before = counters.read()
        responses = drive(fpm.socket, APP, [query(op="user", token=t, persistent=1, logger=int(t == TOKEN_A))
                                            for t in tokens], concurrency=WORKERS)
        d = counters.delta(before)
        out = bodies(responses)
        own = [str(b.get("id")) == t.rsplit("-", 1)[1] for b, t in zip(out, tokens)]
        check(all(r.status == 200 for r in responses) and all(own),
              f"two tokens alternating: each of {N} web requests saw its own token's account "
              f"({own.count(False)} saw another)")
        shared = [p for p in {b.get("pid") for b in out}
                  if {t for b, t in zip(out, tokens) if b.get("pid") == p} == {TOKEN_A, TOKEN_B}]
        check(len(shared) >= 1, f"two tokens alternating: {len(shared)} worker(s) served both tokens")
        check(d["connections"] <= WORKERS,
              f"two tokens alternating: {d['connections']} connection(s) (at most one per worker)")
        logs = [(b.get("logs", 0), t) for b, t in zip(out, tokens)]
        check(all(n > 0 for n, t in logs if t == TOKEN_A) and all(n == 0 for n, t in logs if t == TOKEN_B),
              "a request's logger gets its own request's logs, and none of the next request's")
        no_crash(fpm, "two tokens")
    finally:
        fpm.stop()

    # Recycled workers (pm.max_requests = 5): each new worker opens its own connection.
    fpm = pool("recycle", max_requests=5)
    try:
        before = counters.read()
        responses = drive(fpm.socket, APP, [query(op="payment", id=payment, token=TOKEN, persistent=1)] * 30,
                          concurrency=WORKERS)
        d = counters.delta(before)
        pids = {b.get("pid") for b in bodies(responses)}
        check(all(r.status == 200 for r in responses), "recycled workers: 30 web requests read the payment")
        check(len(pids) > WORKERS, f"recycled workers: {len(pids)} worker processes served (recycled)")
        check(d["connections"] == len(pids),
              f"recycled workers: {d['connections']} connection(s), one per worker process ({len(pids)})")
        no_crash(fpm, "recycled workers")
    finally:
        fpm.stop()

    # A 404 between reads: the persistent connection stays usable.
    fpm = pool("notfound")
    try:
        missing = 999999999001
        ids = [payment, missing] * (N // 2)
        before = counters.read()
        responses = drive(fpm.socket, APP, [query(op="payment", id=i, token=TOKEN, persistent=1) for i in ids],
                          concurrency=WORKERS)
        d = counters.delta(before)
        out = bodies(responses)
        check(all(r.status == 200 and b.get("id") == payment
                  for r, b, i in zip(responses, out, ids) if i == payment),
              "after 404s: every read of the payment succeeds")
        check(all(r.status == 404 and b.get("error", "").endswith("NotFoundException")
                  for r, b, i in zip(responses, out, ids) if i == missing),
              "the missing payment is a NotFoundException (404) each time")
        check(d["connections"] <= WORKERS,
              f"404s do not cost connections: {d['connections']} for {N} web requests")
        no_crash(fpm, "404s")
    finally:
        fpm.stop()


if __name__ == "__main__":
    sys.exit(main())
