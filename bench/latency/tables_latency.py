"""The README's tables from the latency bench's results (bench/latency/run.sh calls it):
one table per scenario group, one column group per RTT.

    python3 tables_latency.py build/bench-latency/results.json
"""
import json
import sys

results = json.load(open(sys.argv[1]))
summary = results["summary"]
rtts = list(dict.fromkeys(s["rtt_ms"] for s in summary))
floor = {s["rtt_ms"]: s["floor_ms"] for s in summary}
by = {(s["rtt_ms"], s["scenario"], s["client"]): s for s in summary}


def counters(s):
    tls = f"{s['tls_full']:.2g}" + (f" + {s['tls_resumed']:.2g}r" if s["tls_resumed"] else "")
    return f"{s['conns']:.3g} / {tls} / {s['round_trips']:.3g}"


def table(scenarios, ratio):
    head = "| scenario | client | " + " | ".join(
        f"{r} ms: p50 (p99) ms | conn / TLS / RT" + (" | p50 / floor" if ratio else "")
        for r in rtts) + " |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for scenario in scenarios:
        for client in dict.fromkeys(s["client"] for s in summary if s["scenario"] == scenario):
            cells = []
            for r in rtts:
                s = by.get((r, scenario, client))
                if not s:
                    cells += ["–", "–"] + (["–"] if ratio else [])
                    continue
                cells += [f"{s['p50_ms']:.1f} ({s['p99_ms']:.1f})", counters(s)]
                if ratio:
                    cells.append(f"{s['p50_ms'] / floor[r]:.2f}")
            print(f"| {scenario} | {client} | " + " | ".join(cells) + " |")


print(f"server time (no proxy, C client, p50): {results['server_ms']:.3f} ms; "
      "floor = 1 RTT + server time: " + ", ".join(f"{floor[r]:.2f} ms at {r} ms" for r in rtts))
print()
table(["first", "steady", "steady, warm process", "warm+first"], ratio=True)
print()
table(sorted({s["scenario"] for s in summary if s["per"] == "run"}), ratio=False)
for n in results["na"]:
    print(f"\nn/a: {n['client']} {n['scenario']}: {n['why']}", end="")
print()
