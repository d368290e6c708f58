"""The Python clients of the latency bench (bench/latency/run.sh), driven line by line by
bench_latency.py; each command's answer is one JSON line: {"ms": [...]} or {"na": "why"}.

    python worker_python.py native|official BASE_URL CA_FILE
    commands: first ID | steady ID N | seq ID N | batch ID N | async ID N | warmfirst ID | quit

native: mercadopago_native (base_url and ca_file given). official: the `mercadopago` SDK
3.6.0 as shipped (it calls https://api.mercadopago.com, which the bench's network namespace
resolves to its proxy; it trusts REQUESTS_CA_BUNDLE).
"""
import asyncio
import json
import sys
import time

TOKEN = "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567"
mode, base, ca = sys.argv[1], sys.argv[2], sys.argv[3]

if mode == "native":
    import mercadopago_native as mp

    def new_client():
        return mp.Client(TOKEN, base_url=base, ca_file=ca)

    def get(client, pid):
        if client.payments.get(pid)["id"] != pid:
            raise SystemExit("native: wrong payment")
else:
    import mercadopago

    def new_client():
        return mercadopago.SDK(TOKEN)

    def get(client, pid):
        answer = client.payment().get(pid)
        if answer["status"] != 200 or answer["response"]["id"] != pid:
            raise SystemExit(f"official: HTTP {answer['status']}")


def ms_since(t):
    return (time.perf_counter() - t) * 1e3


def batch(client, pid, n):
    if mode != "native":
        return {"na": "no batch API"}
    b = client.batch()
    for _ in range(n):
        b.add("payments.get", pid)
    t = time.perf_counter()
    out = b.run(max_in_flight=n)  # all n at once: the concurrency measured
    took = ms_since(t)
    if any(not isinstance(r, dict) or r["id"] != pid for r in out):
        raise SystemExit(f"batch: {out[:1]}")
    return {"ms": [took]}


# asyncio.gather over an AsyncClient's `await payments.get(id)`: one AsyncClient for the
# worker's life (its engine keeps its connections between runs, as a service's would).
_async = {}


def asyncio_gather(client, pid, n):
    if mode != "native":
        return {"na": "no asyncio API"}

    async def many():
        if "client" not in _async:
            _async["client"] = mp.AsyncClient(TOKEN, base_url=base, ca_file=ca)
            await _async["client"].payments.get(pid)  # its first connection, as the sync one
        call = _async["client"].payments.get
        t = time.perf_counter()
        out = await asyncio.gather(*(call(pid) for _ in range(n)))
        return ms_since(t), out

    took, out = asyncio.run(many())
    if any(r["id"] != pid for r in out):
        raise SystemExit("async: wrong payment")
    return {"ms": [took]}


# The first call of a new client after client.warm().
def warmfirst(pid):
    if mode != "native":
        return {"na": "no warm API"}
    t = time.perf_counter()
    client = new_client()
    client.warm()
    warm = ms_since(t)
    t = time.perf_counter()
    get(client, pid)
    return {"ms": [ms_since(t)], "warm_ms": warm, "client": client}


def main():
    client = None
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        cmd, pid, n = words[0], int(words[1]), int(words[2]) if len(words) > 2 else 1
        if cmd == "first":
            t = time.perf_counter()
            client = new_client()
            get(client, pid)
            out = {"ms": [ms_since(t)]}
        elif cmd == "steady":
            times = []
            for _ in range(n):
                t = time.perf_counter()
                get(client, pid)
                times.append(ms_since(t))
            out = {"ms": times}
        elif cmd == "seq":
            t = time.perf_counter()
            for _ in range(n):
                get(client, pid)
            out = {"ms": [ms_since(t)]}
        elif cmd == "batch":
            out = batch(client, pid, n)
        elif cmd == "async":
            out = asyncio_gather(client, pid, n)
        elif cmd == "warmfirst":
            out = warmfirst(pid)
            client = out.pop("client", client)
        else:
            out = {"na": f"unknown command {cmd}"}
        print(json.dumps(out), flush=True)


main()
