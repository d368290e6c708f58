#!/usr/bin/env python3
"""Python benchmarks of the mercadopago_native binding (bench/python/run.sh runs them).

    bench_python.py get     --url URL [--ca CA] [-n N] [--rounds R] [--n-official M]
    bench_python.py import  [--repeat 10]
    bench_python.py convert --url URL [--ca CA] [--size 500000] [--repeat 50]
    bench_python.py breakdown --url URL [--ca CA] [-n N] [--rounds R]

get: GET /v1/payments/{id} through
  native    mercadopago_native  client.payments.get(id)
  native-call  the extension alone: _native.Request + _native.Client.call + json.loads(body)
  pycurl    one pycurl.Curl handle reused (URL and headers set once), json.loads(body)
  pycurl+   the same with the timeout, stall detection and user agent libmercadopago sets
  requests  one requests.Session, .json()
  official  the official `mercadopago` SDK, sdk.payment().get(id), its base URL patched,
            REQUESTS_CA_BUNDLE = the sandbox CA alone (over HTTPS)
  native-sysca    (HTTPS only) native trusting the system roots + the sandbox CA
  official-sysca  (HTTPS only) the official SDK, REQUESTS_CA_BUNDLE = the system roots + the sandbox CA
Rounds alternate between the clients (the order rotates each round); the figures are the
medians over the rounds of client CPU time per request (time.process_time of this process,
user + system) and of requests per second (wall clock).

import: `import X` in a fresh interpreter, median of N runs (wall clock of the whole
subprocess minus that of `python -c pass`), and the cumulative time of X reported by
`python -X importtime`.

convert: a ~SIZE-byte payments.search page turned into Python objects by the binding's
own conversion (mercadopago_native._client._result on the native response: body() copy,
json.loads, the Result dict) against json.loads of the same bytes.

breakdown: the CPU cost of each piece of the binding's Python layer for payments.get.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

TOKEN = "TEST-0000000000000000-000000-bench-123456"
CARD = {"card_number": "4509953566233704", "expiration_month": 11, "expiration_year": 2030,
        "security_code": "123", "cardholder": {"name": "APRO"}}


# --------------------------------------------------------------------------- setup
def _post(url: str, ca: str | None, path: str, body: dict, idem: str | None = None) -> dict:
    """A POST with the standard library only (setup, not measured)."""
    import ssl
    import urllib.request

    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    if idem:
        headers["X-Idempotency-Key"] = idem
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(), headers=headers,
                                 method="POST")
    ctx = ssl.create_default_context(cafile=ca) if ca else None
    with urllib.request.urlopen(req, context=ctx) as r:
        return json.loads(r.read())


def create_payment(url: str, ca: str | None) -> int:
    token = _post(url, ca, "/v1/card_tokens", CARD)["id"]
    payment = _post(url, ca, "/v1/payments",
                    {"transaction_amount": 100, "token": token, "installments": 1,
                     "payment_method_id": "visa", "payer": {"email": "a@b.com"}},
                    idem=str(uuid.uuid4()))
    return payment["id"]


# --------------------------------------------------------------------------- clients
def make_native(url: str, ca: str | None, pid: int):
    import mercadopago_native as mp

    client = mp.Client(TOKEN, base_url=url, ca_file=ca)
    get = client.payments.get

    def one():
        r = get(pid)
        assert r["id"] == pid
    return one, client.close


def make_native_call(url: str, ca: str | None, pid: int):
    """The extension alone: a _native.Request, _native.Client.call and json.loads(body),
    none of the Python layer (argument binding, options, the Result wrapper)."""
    import mercadopago_native as mp
    from mercadopago_native import _native

    client = mp.Client(TOKEN, base_url=url, ca_file=ca)
    call, loads, Request, spid = client._native.call, json.loads, _native.Request, str(pid)

    def one():
        req = Request()
        req.set_path_param("id", spid)
        r = loads(call("payments.get", req).body())
        assert r["id"] == pid
    return one, client.close


def make_pycurl(url: str, ca: str | None, pid: int, safe: bool = False):
    import pycurl

    c = pycurl.Curl()
    chunks: list = []
    c.setopt(pycurl.URL, f"{url}/v1/payments/{pid}")
    c.setopt(pycurl.NOSIGNAL, 1)
    c.setopt(pycurl.HTTPHEADER, [f"Authorization: Bearer {TOKEN}", "Accept: application/json"])
    c.setopt(pycurl.WRITEFUNCTION, chunks.append)
    if ca:
        c.setopt(pycurl.CAINFO, ca)
    if safe:  # what a production client must set (and libmercadopago sets)
        c.setopt(pycurl.TIMEOUT_MS, 60000)
        c.setopt(pycurl.CONNECTTIMEOUT_MS, 10000)
        c.setopt(pycurl.LOW_SPEED_LIMIT, 1)
        c.setopt(pycurl.LOW_SPEED_TIME, 20)
        import mercadopago_native  # only for the version the library reports
        c.setopt(pycurl.USERAGENT, f"libmercadopago/{mercadopago_native.__version__}")
    perform, info, loads, join, code = c.perform, c.getinfo, json.loads, b"".join, \
        pycurl.RESPONSE_CODE

    def one():
        chunks.clear()
        perform()
        if info(code) != 200:
            raise RuntimeError(f"HTTP {info(code)}")
        r = loads(join(chunks))
        assert r["id"] == pid
    return one, c.close


def make_requests(url: str, ca: str | None, pid: int):
    import requests

    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
    if ca:
        s.verify = ca  # REQUESTS_CA_BUNDLE (set in cmd_get) would override it otherwise
    target = f"{url}/v1/payments/{pid}"
    get = s.get

    def one():
        resp = get(target, timeout=60)
        resp.raise_for_status()
        r = resp.json()
        assert r["id"] == pid
    return one, s.close


def patch_official(url: str, ca: str | None) -> None:
    """Points the official SDK at the sandbox.

    mercadopago 3.x: MPBase builds every URL as Config().api_base_url + uri, and
    Config.api_base_url returns the name-mangled class attribute
    Config._Config__api_base_url = "https://api.mercadopago.com". Its HttpClient creates a
    new requests.Session (and HTTPAdapter with a urllib3 Retry) per call and closes it:
    no connection reuse, a new TCP connection (and TLS handshake) per request. It passes
    no `verify`, so requests takes REQUESTS_CA_BUNDLE from the environment (trust_env).
    """
    from mercadopago.config.config import Config

    Config._Config__api_base_url = url
    if ca:
        os.environ["REQUESTS_CA_BUNDLE"] = ca
        os.environ.pop("CURL_CA_BUNDLE", None)  # requests falls back to it too


def make_official(url: str, ca: str | None, pid: int):
    import mercadopago

    patch_official(url, ca)
    sdk = mercadopago.SDK(TOKEN)
    payment = sdk.payment()

    def one():
        r = payment.get(pid)
        if r["status"] != 200:
            raise RuntimeError(f"official SDK: {r}")
        assert r["response"]["id"] == pid
    return one, lambda: None


SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def system_plus_sandbox(ca: str | None) -> str:
    """A bundle of the system's roots plus the sandbox CA: what production trusts."""
    if not ca:
        raise SystemExit("the -sysca clients need --ca")
    bundle = os.path.join(os.path.dirname(os.path.abspath(ca)), "system-plus-sandbox.pem")
    with open(bundle, "wb") as out:
        for path in (SYSTEM_BUNDLE, ca):
            with open(path, "rb") as f:
                out.write(f.read().rstrip(b"\n") + b"\n")
    return bundle


def make_native_sysca(url: str, ca: str | None, pid: int):
    """The binding trusting the same production-sized bundle as official-sysca."""
    return make_native(url, system_plus_sandbox(ca), pid)


def make_official_sysca(url: str, ca: str | None, pid: int):
    """The official SDK trusting the system's roots plus the sandbox CA (what a production
    REQUESTS_CA_BUNDLE looks like): as it makes a new connection per call, urllib3 builds
    an SSLContext and loads the whole bundle on every call."""
    bundle = system_plus_sandbox(ca)
    one, close = make_official(url, ca, pid)

    def enter():
        os.environ["REQUESTS_CA_BUNDLE"] = bundle

    def leave():
        os.environ["REQUESTS_CA_BUNDLE"] = ca
    one.enter, one.leave = enter, leave  # type: ignore[attr-defined]
    return one, close


CLIENTS = {
    "native": make_native,
    "native-call": make_native_call,
    "native-sysca": make_native_sysca,
    "pycurl": make_pycurl,
    "pycurl+": lambda u, c, p: make_pycurl(u, c, p, safe=True),
    "requests": make_requests,
    "official": make_official,
    "official-sysca": make_official_sysca,
}


# --------------------------------------------------------------------------- get
def count_new_connections(one, calls: int) -> int:
    """New TCP connections made by `calls` calls, from the kernel's TCP statistics
    (/proc/self/net/snmp ActiveOpens: connect() calls of this network namespace)."""
    def opens() -> int:
        with open("/proc/self/net/snmp") as f:
            rows = [line.split() for line in f if line.startswith("Tcp:")]
        return int(rows[1][rows[0].index("ActiveOpens")])
    before = opens()
    for _ in range(calls):
        one()
    return opens() - before


def measure(one, n: int) -> tuple[float, float]:
    """(CPU µs per request, requests per second) of n calls."""
    enter, leave = getattr(one, "enter", None), getattr(one, "leave", None)
    if enter:
        enter()
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        one()
    c1, w1 = time.process_time(), time.perf_counter()
    if leave:
        leave()
    return (c1 - c0) / n * 1e6, n / (w1 - w0)


def cmd_get(a) -> None:
    scheme = "HTTPS" if a.ca else "HTTP"
    if a.ca:
        # requests (and so the official SDK) trusts the sandbox CA through the environment:
        # with trust_env (the default) REQUESTS_CA_BUNDLE overrides Session.verify.
        os.environ["REQUESTS_CA_BUNDLE"] = a.ca
        os.environ.pop("CURL_CA_BUNDLE", None)
    pid = create_payment(a.url, a.ca)
    names = [x for x in a.clients.split(",") if x]
    if not a.ca:
        names = [x for x in names if not x.endswith("-sysca")]
    counts = {name: (a.n_official if name == "official" else
                     max(10, a.n_official // 3) if name == "official-sysca" else a.n)
              for name in names}
    clients = {}
    for name in names:
        one, close = CLIENTS[name](a.url, a.ca, pid)
        measure(one, max(10, counts[name] // 10))  # warm-up: connection, caches
        clients[name] = (one, close)
    for name in names:  # how many connections does each client open for 5 calls?
        print(f"{name}: {count_new_connections(clients[name][0], 5)} new connection(s) "
              f"in 5 calls")
    cpu: dict = {name: [] for name in names}
    rps: dict = {name: [] for name in names}
    for r in range(a.rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            c, w = measure(clients[name][0], counts[name])
            cpu[name].append(c)
            rps[name].append(w)
    for _, close in clients.values():
        close()

    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    med_rps = {k: statistics.median(v) for k, v in rps.items()}
    print(f"== GET /v1/payments/{{id}} over {scheme}: {a.rounds} rounds, median round "
          f"(requests per round: {', '.join(f'{k} {v}' for k, v in counts.items())})")
    print(f"{'client':<15} {'CPU us/req':>11} {'(min..max)':>18} {'req/s':>9}")
    for name in names:
        print(f"{name:<15} {med_cpu[name]:11.1f} "
              f"{f'({min(cpu[name]):.1f}..{max(cpu[name]):.1f})':>18} {med_rps[name]:9.0f}")
    if "native" in med_cpu:
        base = med_cpu["native"]
        for other in ("pycurl", "pycurl+"):
            if other in med_cpu:
                print(f"ratio native/{other} CPU: {base / med_cpu[other]:.2f}"
                      + ("   (target <= 1.5)" if other == "pycurl" else ""))
        if "native-call" in med_cpu:
            print(f"Python layer of the binding: {base - med_cpu['native-call']:.1f} us/req")
        if "requests" in med_cpu:
            print(f"ratio requests/native CPU: {med_cpu['requests'] / base:.2f}")
        if "official-sysca" in med_cpu and "native-sysca" in med_cpu:
            print(f"ratio official-sysca/native-sysca CPU (both trusting the system roots + "
                  f"the sandbox CA): {med_cpu['official-sysca'] / med_cpu['native-sysca']:.2f}"
                  f"   (target >= 50)")
        for other in ("official", "official-sysca"):
            if other in med_cpu:
                print(f"ratio {other}/native CPU: {med_cpu[other] / base:.2f}"
                      + ("   (target >= 50 over HTTPS)" if a.ca else ""))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"scheme": scheme, "counts": counts, "cpu_us": cpu, "rps": rps,
                       "median_cpu_us": med_cpu, "median_rps": med_rps}, f, indent=1)


# --------------------------------------------------------------------------- import
def _importtime(module: str) -> tuple[float, dict]:
    """Cumulative µs of `module` from python -X importtime, and of its direct imports."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         capture_output=True, text=True, check=True).stderr
    total, children = None, {}
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        if name == f" {module}":
            total = float(parts[1])
        elif name.startswith("   ") and not name.startswith("     "):  # level 1
            children[name.strip()] = float(parts[1])
    if total is None:
        raise RuntimeError(f"{module} not found in -X importtime output")
    return total, children


def _wall(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - t0


def cmd_import(a) -> None:
    modules = ["mercadopago_native", "mercadopago", "requests", "pycurl"]
    print(f"== import time in a fresh interpreter ({sys.executable}), median of {a.repeat}")
    print(f"{'module':<20} {'importtime cumulative':>22} {'subprocess wall - bare':>23}")
    _wall("pass")
    for m in modules:  # warm the page cache / .pyc files
        _wall(f"import {m}")
    res = {}
    for m in modules:
        it, walls, bare, kids = [], [], [], {}
        for _ in range(a.repeat):
            bare.append(_wall("pass"))
            walls.append(_wall(f"import {m}"))
            total, children = _importtime(m)
            it.append(total)
            for k, v in children.items():
                kids.setdefault(k, []).append(v)
        if m == "mercadopago_native":
            native_kids = {k: statistics.median(v) / 1000 for k, v in kids.items()}
        res[m] = (statistics.median(it) / 1000,
                  (statistics.median(walls) - statistics.median(bare)) * 1000)
        print(f"{m:<20} {res[m][0]:19.1f} ms {res[m][1]:20.1f} ms")
    print(f"(bare interpreter `python -c pass`: {statistics.median(bare) * 1000:.1f} ms)")
    print("mercadopago_native's direct imports (importtime cumulative, median, >= 1 ms; "
          "a module imported by an earlier one counts there):")
    for k, v in sorted(native_kids.items(), key=lambda kv: -kv[1]):
        if v >= 1:
            print(f"  {k:<34} {v:6.1f} ms")


# --------------------------------------------------------------------------- convert
def cmd_convert(a) -> None:
    import mercadopago_native as mp
    from mercadopago_native import _client

    # How many payments make a page of ~a.size bytes.
    pid = create_payment(a.url, a.ca)
    client = mp.Client(TOKEN, base_url=a.url, ca_file=a.ca)
    one = len(json.dumps(client.payments.get(pid), separators=(",", ":")))
    want = max(1, min(1000, a.size // one + 1))
    # earlier runs against the same sandbox may have created some already
    first = client._native.call("payments.search", _native_request(query=[("limit", "1")]))
    have = json.loads(first.body())["paging"]["total"]
    for _ in range(max(0, want - have)):
        token_body = client.card_tokens.create(CARD)
        client.payments.create({"transaction_amount": 100, "token": token_body["id"],
                                "installments": 1, "payment_method_id": "visa",
                                "payer": {"email": "a@b.com"}})
    resp = client._native.call("payments.search", _native_request(query=[("limit", str(want))]))
    body = resp.body()
    n_items = len(json.loads(body)["results"])
    print(f"== a payments.search page of {len(body)} bytes ({n_items} payments) to Python "
          f"objects, median of {a.repeat}")

    rows = [
        ("json.loads(bytes)", lambda: json.loads(body)),
        ("binding _result(response)", lambda: _client._result(resp)),
        ("  of which response.body()", lambda: resp.body()),
    ]
    # End to end, with the HTTP request, for scale: fetch only, fetch + conversion via
    # the public pager (pages(): one Result; the item iterator: one json.loads per item).
    call = client._native.call
    q = _native_request(query=[("limit", str(want))])
    search = client.payments.search
    rows += [
        ("fetch only (native call)", lambda: call("payments.search", q)),
        ("search().pages(), 1st page", lambda: next(search(page_size=want).pages())),
        ("search() items of 1st page",
         lambda: list(zip(range(n_items), search(page_size=want)))),
    ]
    for _, fn in rows:  # warm-up
        fn()
        fn()
    wall: dict = {label: [] for label, _ in rows}
    cpu: dict = {label: [] for label, _ in rows}
    for _ in range(a.repeat):  # alternate the rows
        for label, fn in rows:
            gc.collect()
            c0, w0 = time.process_time(), time.perf_counter()
            fn()
            cpu[label].append(time.process_time() - c0)
            wall[label].append(time.perf_counter() - w0)
    med = {k: (statistics.median(wall[k]) * 1e3, statistics.median(cpu[k]) * 1e3)
           for k in wall}
    print(f"{'':<30} {'wall ms':>9} {'CPU ms':>9} {'MB/s':>8}")
    for label, _ in rows:
        w, c = med[label]
        print(f"{label:<30} {w:9.2f} {c:9.2f} {len(body) / w / 1e3:8.0f}")
    print(f"ratio binding _result / json.loads (CPU): "
          f"{med['binding _result(response)'][1] / med['json.loads(bytes)'][1]:.2f}")
    client.close()


def _native_request(path=(), query=()):
    """A _native.Request with these path and query parameters."""
    from mercadopago_native import _native

    req = _native.Request()
    for name, value in path:
        req.set_path_param(name, value)
    for name, value in query:
        req.add_query(name, value)
    return req


# --------------------------------------------------------------------------- breakdown
def cmd_breakdown(a) -> None:
    """What the binding's Python layer costs per payments.get, piece by piece."""
    import mercadopago_native as mp
    from mercadopago_native import _client

    pid = create_payment(a.url, a.ca)
    client = mp.Client(TOKEN, base_url=a.url, ca_file=a.ca)
    op = _client.OPERATIONS["payments.get"]
    path = _native_request(path=[("id", str(pid))])
    call = client._native.call
    resp = call("payments.get", path)
    body = resp.body()
    bound = op.bind((pid,), {})
    loads, Result = json.loads, _client.Result
    pieces = [
        ("_split_options(kwargs)", lambda: _client._split_options({}), a.n * 10),
        ("Operation.bind(args)", lambda: op.bind((pid,), {}), a.n * 10),
        ("response.body()", resp.body, a.n * 10),
        ("json.loads(body)", lambda: loads(body), a.n * 10),
        ("Result(dict) copy", lambda d=loads(body): Result(d), a.n * 10),
        ("Result._attach(response)", lambda: Result()._attach(resp), a.n * 10),
        ("_result(response) in all", lambda: _client._result(resp), a.n * 10),
        ("_request(bound, options)", lambda: _client._request(bound, {}), a.n * 10),
        ("_native.call(op, request)", lambda: call("payments.get", path), a.n),
        ("client.payments.get(id)", lambda: client.payments.get(pid), a.n),
    ]
    res: dict = {label: [] for label, _, _ in pieces}
    for _ in range(a.rounds):
        for label, fn, n in pieces:
            gc.collect()
            c0 = time.process_time()
            for _ in range(n):
                fn()
            res[label].append((time.process_time() - c0) / n * 1e6)
    print(f"== the binding's layers for payments.get ({len(body)}-byte payment), CPU us per "
          f"call, median of {a.rounds} rounds")
    for label, _, _ in pieces:
        print(f"{label:<28} {statistics.median(res[label]):8.2f}")
    client.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("get")
    g.add_argument("--url", required=True)
    g.add_argument("--ca")
    g.add_argument("-n", type=int, default=3000, help="requests per round and client")
    g.add_argument("--n-official", type=int, default=None,
                   help="requests per round for the official SDK (default n/10)")
    g.add_argument("--rounds", type=int, default=7)
    g.add_argument("--clients",
                   default="native,native-call,pycurl,pycurl+,requests,official,native-sysca,official-sysca")
    g.add_argument("--json", help="also write the raw figures here")
    i = sub.add_parser("import")
    i.add_argument("--repeat", type=int, default=10)
    c = sub.add_parser("convert")
    c.add_argument("--url", required=True)
    c.add_argument("--ca")
    c.add_argument("--size", type=int, default=500_000)
    c.add_argument("--repeat", type=int, default=50)
    b = sub.add_parser("breakdown")
    b.add_argument("--url", required=True)
    b.add_argument("--ca")
    b.add_argument("-n", type=int, default=2000)
    b.add_argument("--rounds", type=int, default=5)
    a = p.parse_args()
    if a.cmd == "get":
        if a.n_official is None:
            a.n_official = max(20, a.n // 10)
        cmd_get(a)
    elif a.cmd == "breakdown":
        cmd_breakdown(a)
    elif a.cmd == "import":
        cmd_import(a)
    else:
        cmd_convert(a)


if __name__ == "__main__":
    main()
