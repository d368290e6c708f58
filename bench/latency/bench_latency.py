"""The latency bench's driver (issue 14): runs every client through latency_proxy.py at each
RTT, reads the proxy's counters around every command, writes the raw results and prints tables.
bench/latency/run.sh builds everything and runs this inside a private network namespace where
api.mercadopago.com is 127.0.0.1, mp-sandbox listens on --sandbox-port with its certificate
for that name, and this script puts the proxy on port 443 in front of it.

Each client is a worker process (latency_worker.c, worker_python.py, worker_php.php,
bench/java/.../LatencyWorker.java) that answers commands on stdin with a JSON line.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STATS = "http://127.0.0.1:9099"
OURS = ["C", "Python", "PHP", "Java"]


def percentile(values, p):
    """Nearest rank; with fewer than 100 values p99 is the largest."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))]


def stats():
    with urllib.request.urlopen(STATS + "/stats", timeout=5) as r:
        return json.load(r)["totals"]


def delta(before, after):
    return {k: after[k] - before[k] for k in after}


class Worker:
    def __init__(self, argv, env=None):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, env={**os.environ, **(env or {})}, cwd=ROOT)
        ready = self.p.stdout.readline()
        if '"ready"' not in ready:
            raise SystemExit(f"worker {argv} did not start: {ready!r}")

    def cmd(self, line):
        """Runs one command; returns its answer and the proxy's counters over it."""
        before = stats()
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        answer = self.p.stdout.readline()
        after = stats()
        if not answer:
            raise SystemExit(f"worker died on {line!r} (exit {self.p.wait()})")
        return json.loads(answer), delta(before, after)

    def close(self):
        try:
            self.p.stdin.write("quit\n")
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.p.wait(timeout=30)


def clients(a, url):
    py = [a.python, os.path.join(HERE, "worker_python.py")]
    php = ["php", "-d", "opcache.enable_cli=1", os.path.join(HERE, "worker_php.php")]
    java = ["java", "-cp", a.java_cp, "bench.LatencyWorker"]
    trust = ["-Djavax.net.ssl.trustStore=" + a.truststore,
             "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12"]
    return {
        "C": ([a.c_worker, url, a.ca], None),
        "Python": (py + ["native", url, a.ca], None),
        "PHP": (php[:1] + ["-d", "extension=" + a.php_ext] + php[1:] + ["native", url, a.ca], None),
        "Java": (java + ["native", url, a.ca], None),
        "official Python 3.6.0": (py + ["official", url, a.ca], {"REQUESTS_CA_BUNDLE": a.ca}),
        "official PHP 3.13.0": (php[:1] + ["-d", "curl.cainfo=" + a.ca] + php[1:] +
                                ["official", a.php_sdk], None),
        "official Java 3.2.1": (java[:1] + trust + java[1:] + ["official"], None),
    }


def record(rows, rtt, client, scenario, rep, answer, counters, calls):
    if "na" in answer:
        return False
    rows.append({"rtt_ms": rtt, "client": client, "scenario": scenario, "rep": rep,
                 "ms": answer["ms"], "calls": calls, "counters": counters,
                 **({"warm_ms": answer["warm_ms"]} if "warm_ms" in answer else {})})
    return True


def run_rtt(a, rtt, pid, rows, na):
    table = clients(a, a.url)
    names = list(table)
    # First call and steady state: a fresh process per repetition; client order rotates.
    for rep in range(a.first_reps):
        for name in names[rep % len(names):] + names[:rep % len(names)]:
            argv, env = table[name]
            w = Worker(argv, env)
            ans, c = w.cmd(f"first {pid}")
            record(rows, rtt, name, "first", rep, ans, c, 1)
            ans, c = w.cmd(f"steady {pid} {a.steady}")
            record(rows, rtt, name, "steady", rep, ans, c, a.steady)
            w.close()
        print(f"  [{rtt} ms] first/steady repetition {rep + 1}/{a.first_reps} done", flush=True)
    # The first call after warm() (each our client that has it).
    for name in OURS:
        for rep in range(a.first_reps):
            w = Worker(*table[name])
            ans, c = w.cmd(f"warmfirst {pid}")
            w.close()
            if not record(rows, rtt, name, "warm+first", rep, ans, c, 1):
                na[(name, "warm+first")] = ans["na"]
                break
    # 100 reads: sequential, the batch API, asyncio and CompletableFuture.
    for name in OURS:
        w = Worker(*table[name])
        w.cmd(f"first {pid}")  # the client's connection, as in steady state
        modes = ["seq", "batch", "async"]
        for rep in range(a.many_reps):
            for mode in modes[rep % 3:] + modes[:rep % 3]:
                if (name, mode) in na or (mode == "seq" and rep >= a.seq_reps):
                    continue
                ans, c = w.cmd(f"{mode} {pid} {a.many}")
                if not record(rows, rtt, name, f"{a.many} reads: {mode}", rep, ans, c, a.many):
                    na[(name, mode)] = ans["na"]
        # Steady state again, in a process that has made hundreds of calls (a JVM's JIT has
        # compiled the call path by now; the "steady" calls above are a fresh process's 2nd-9th).
        ans, c = w.cmd(f"steady {pid} {a.steady_warm}")
        record(rows, rtt, name, "steady, warm process", 0, ans, c, a.steady_warm)
        w.close()
        print(f"  [{rtt} ms] {a.many} reads through {name} done", flush=True)


def summarize(rows, rtt, floor_ms):
    out = []
    for scenario in sorted({r["scenario"] for r in rows if r["rtt_ms"] == rtt},
                           key=lambda s: (s != "first", s != "steady",
                                          s != "steady, warm process", s)):
        for client in dict.fromkeys(r["client"] for r in rows):
            sel = [r for r in rows if r["rtt_ms"] == rtt and r["client"] == client
                   and r["scenario"] == scenario]
            if not sel:
                continue
            ms = [m for r in sel for m in r["ms"]]
            calls = sum(r["calls"] for r in sel)
            units = calls if len(ms) == calls else len(sel)  # per call, or per run of N reads
            tot = {k: sum(r["counters"][k] for r in sel) for k in sel[0]["counters"]}
            out.append({"rtt_ms": rtt, "scenario": scenario, "client": client, "n": len(ms),
                        "p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99),
                        "conns": tot["connections"] / units,
                        "tls_full": (tot["client_hellos"] - tot["resumed"]) / units,
                        "tls_resumed": tot["resumed"] / units,
                        "round_trips": (tot["flights"] + tot["connections"]) / units,
                        "floor_ms": floor_ms, "per": "call" if units == calls else "run"})
    return out


def print_table(summary, rtt, floor_ms, server_ms):
    print(f"\n== RTT {rtt} ms: physical floor of one call = 1 RTT + server time "
          f"({server_ms:.2f} ms, no proxy) = {floor_ms:.2f} ms")
    print(f"| scenario | client | p50 ms | p99 ms | p50 / floor | connections | TLS full | "
          f"TLS resumed | round trips | per |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in summary:
        ratio = f"{s['p50_ms'] / floor_ms:.2f}" if s["per"] == "call" else "–"
        print(f"| {s['scenario']} | {s['client']} | {s['p50_ms']:.1f} | {s['p99_ms']:.1f} | "
              f"{ratio} | {s['conns']:.2f} | {s['tls_full']:.2f} | {s['tls_resumed']:.2f} | "
              f"{s['round_trips']:.2f} | {s['per']} |")


def start_proxy(a, rtt):
    p = subprocess.Popen([a.python_proxy, os.path.join(HERE, "latency_proxy.py"),
                          "--listen", "127.0.0.1:443", "--target", f"127.0.0.1:{a.sandbox_port}",
                          "--rtt-ms", str(rtt), "--stats", "127.0.0.1:9099"],
                         stdout=subprocess.PIPE, text=True)
    if "listening" not in p.stdout.readline():
        raise SystemExit("the proxy did not start")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rtts", type=float, nargs="+", default=[20, 50, 150])
    ap.add_argument("--url", default="https://api.mercadopago.com")
    ap.add_argument("--sandbox-port", type=int, required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--truststore", required=True)
    ap.add_argument("--c-worker", required=True)
    ap.add_argument("--python", required=True, help="the venv with mercadopago_native and mercadopago")
    ap.add_argument("--python-proxy", default=sys.executable)
    ap.add_argument("--php-ext", required=True)
    ap.add_argument("--php-sdk", required=True, help="the official PHP SDK's src/ folder")
    ap.add_argument("--java-cp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--first-reps", type=int, default=6)
    ap.add_argument("--steady", type=int, default=8, help="steady calls per fresh process")
    ap.add_argument("--steady-warm", type=int, default=30,
                    help="steady calls at the end of the long-lived process of each our client")
    ap.add_argument("--many", type=int, default=100)
    ap.add_argument("--many-reps", type=int, default=4)
    ap.add_argument("--seq-reps", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    # The payment to read, and the server time: the C client straight to the sandbox.
    direct = f"{a.url}:{a.sandbox_port}"
    w = Worker([a.c_worker, direct, a.ca])
    w.p.stdin.write("create\n")
    w.p.stdin.flush()
    pid = json.loads(w.p.stdout.readline())["id"]
    w.p.stdin.write(f"first {pid}\nsteady {pid} 200\n")
    w.p.stdin.flush()
    w.p.stdout.readline()
    server_ms = percentile(json.loads(w.p.stdout.readline())["ms"], 50)
    w.close()
    print(f"payment {pid}; server time (C client to the sandbox, no proxy, p50 of 200 "
          f"keep-alive calls): {server_ms:.3f} ms", flush=True)

    rows, summary, na = [], [], {}
    fpm = os.path.join(HERE, "fpm.sh")
    for rtt in a.rtts:
        rtt = int(rtt) if rtt == int(rtt) else rtt
        proxy = start_proxy(a, rtt)
        try:
            run_rtt(a, rtt, pid, rows, na)
            if os.path.exists(fpm):  # the PHP-FPM scenario, written separately
                subprocess.run(["bash", fpm, a.url, a.ca, os.path.join(a.out, f"fpm-{rtt}ms")],
                               check=False)
        finally:
            proxy.terminate()
            proxy.wait()
        floor_ms = rtt + server_ms
        s = summarize(rows, rtt, floor_ms)
        summary += s
        print_table(s, rtt, floor_ms, server_ms)
    for (name, mode), why in sorted(na.items()):
        print(f"n/a: {name} {mode}: {why}")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"server_ms": server_ms, "payment": pid, "rows": rows, "summary": summary,
                   "na": [{"client": k[0], "scenario": k[1], "why": v} for k, v in na.items()]},
                  f, indent=1)
    with open(os.path.join(a.out, "summary.csv"), "w") as f:
        keys = list(summary[0])
        f.write(",".join(keys) + "\n")
        for s in summary:
            f.write(",".join(str(s[k]) for k in keys) + "\n")
    print(f"\nraw results: {a.out}/results.json, {a.out}/summary.csv")


main()
