"""The PHP-FPM scenario of the latency bench (run by bench/latency/fpm.sh, which says how).

  python3 fpm_bench.py API_URL CA_FILE OUT_DIR EXTENSION OFFICIAL_SDK [REQUESTS] [CONCURRENCY]

API_URL is the sandbox, directly or through a latency proxy; "sandbox" starts an mp-sandbox of
its own (MP_SANDBOX: its path) and ignores CA_FILE. Three variants, each on a fresh php-fpm pool
(static, CONCURRENCY workers) driven over FastCGI at CONCURRENCY requests at a time, each web
request making one payments.get: the official PHP SDK, ours per request, ours persistent.
Writes OUT_DIR/fpm-<variant>.json and prints a table.
"""

import json
import os
import statistics
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "bindings", "php", "fpm"))
from fastcgi import drive  # noqa: E402
from harness import Counters, PhpFpm, Sandbox  # noqa: E402

NATIVE_APP = os.path.abspath(os.path.join(here, "..", "..", "bindings", "php", "fpm", "app.php"))
OFFICIAL_APP = os.path.join(here, "fpm_official.php")
TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    api_url, ca, out_dir, extension, official_sdk = sys.argv[1:6]
    n = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    concurrency = int(sys.argv[7]) if len(sys.argv) > 7 else 4
    extension = os.path.abspath(extension)
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        sandbox = None
        if api_url == "sandbox":
            sandbox = Sandbox(os.environ["MP_SANDBOX"], work)
            api_url, ca = sandbox.url, sandbox.ca
        ca = os.path.abspath(ca)
        try:
            rows = run(api_url, ca, out_dir, extension, official_sdk, n, concurrency, work)
        finally:
            if sandbox:
                sandbox.stop()
    print(f"\nphp-fpm, {n} web requests per variant, {concurrency} workers and {concurrency} at a time, "
          f"one payments.get each; API at {api_url}")
    print(f"{'variant':<22} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>8} {'conns':>6} "
          f"{'TLS hs':>7} {'resumed':>8}")
    for r in rows:
        print(f"{r['variant']:<22} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['mean_ms']:>8.2f} "
              f"{r['requests_per_second']:>8.0f} {r['connections']:>6} {r['tls_handshakes']:>7} "
              f"{r['tls_resumed']:>8}")


def run(api_url, ca, out_dir, extension, official_sdk, n, concurrency, work):
    counters = Counters(api_url, ca)
    env = {"MP_FPM_BASE_URL": api_url, "MP_FPM_CA_FILE": ca, "MP_FPM_OFFICIAL_SDK": official_sdk}
    # php-curl (the official SDK) trusts the sandbox's CA through curl.cainfo; verification stays on.
    ini = {"curl.cainfo": ca}

    def pool(name):
        folder = os.path.join(work, name)
        os.mkdir(folder)
        return PhpFpm(folder, concurrency, extensions=["curl", extension], ini=ini, env=env)

    fpm = pool("setup")
    try:
        setup = drive(fpm.socket, NATIVE_APP, [f"op=setup&token={TOKEN}&persistent=0"])[0]
        if setup.status != 200:
            sys.exit(f"the setup request failed: {setup.status} {setup.text()} {fpm.output()}")
        payment = json.loads(setup.body)["id"]
    finally:
        fpm.stop()

    variants = [
        ("official-sdk-3.13.0", OFFICIAL_APP, f"id={payment}&token={TOKEN}"),
        ("native-per-request", NATIVE_APP, f"op=payment&id={payment}&token={TOKEN}&persistent=0"),
        ("native-persistent", NATIVE_APP, f"op=payment&id={payment}&token={TOKEN}&persistent=1"),
    ]
    rows = []
    for name, app, query in variants:
        fpm = pool(name)
        try:
            before = counters.read()
            start = time.perf_counter()
            responses = drive(fpm.socket, app, [query] * n, concurrency=concurrency)
            elapsed = time.perf_counter() - start
            d = counters.delta(before)
        finally:
            fpm.stop()
        bad = [r for r in responses if r.status != 200 or json.loads(r.body).get("id") != payment]
        if bad:
            sys.exit(f"{name}: {len(bad)} web requests failed, e.g. {bad[0].status} {bad[0].text()} "
                     f"{bad[0].stderr} {fpm.output()[-2000:]}")
        ms = [r.seconds * 1000 for r in responses]
        row = {
            "variant": name, "web_requests": n, "concurrency": concurrency, "fpm_workers": concurrency,
            "api_url": api_url,
            "p50_ms": round(statistics.median(ms), 3), "p99_ms": round(percentile(ms, 99), 3),
            "mean_ms": round(statistics.fmean(ms), 3), "max_ms": round(max(ms), 3),
            "requests_per_second": round(n / elapsed, 1),
            "api_requests": d["requests"], "connections": d["connections"],
            "tls_handshakes": d["tls_handshakes"], "tls_resumed": d["tls_resumed"],
            "php": _php_version(), "date": time.strftime("%Y-%m-%d"),
        }
        with open(os.path.join(out_dir, f"fpm-{name}.json"), "w") as f:
            json.dump(row, f, indent=2)
            f.write("\n")
        rows.append(row)
    return rows


def _php_version():
    import subprocess
    return subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True).stdout


if __name__ == "__main__":
    main()
