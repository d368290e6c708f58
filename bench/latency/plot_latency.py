"""One PNG per RTT from the latency bench's results (bench/latency/run.sh calls it):
p50 bars with p99 whiskers per client and scenario, and the physical floor of one call
(1 RTT + the server time measured without the proxy) as a line.

    python plot_latency.py build/bench-latency/results.json bench/latency/plots
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"first": "#d62728", "steady": "#1f77b4", "steady, warm process": "#17becf",
          "warm+first": "#9467bd"}


def panel(ax, rows, floor, title, log):
    labels = [f"{r['client']} · {r['scenario'].split(': ')[-1]}" for r in rows]
    y = range(len(rows))
    p50 = [r["p50_ms"] for r in rows]
    whisker = [[0] * len(rows), [r["p99_ms"] - r["p50_ms"] for r in rows]]
    colors = [COLORS.get(r["scenario"], "#2ca02c" if "batch" in r["scenario"] else
                         "#ff7f0e" if "seq" in r["scenario"] else "#8c564b") for r in rows]
    ax.barh(list(y), p50, xerr=whisker, color=colors, capsize=3, error_kw={"lw": 1})
    ax.set_yticks(list(y))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(floor, color="black", ls="--", lw=1)
    ax.text(floor, len(rows) - 0.4, f" 1 RTT + server\n {floor:.1f} ms", fontsize=8, va="top")
    for i, r in enumerate(rows):
        ax.text(r["p99_ms"], i, f"  {r['p50_ms']:.0f} ms, {r['round_trips']:.3g} RT, "
                f"{r['conns']:.3g} conn", va="center", fontsize=7)
    if log:
        ax.set_xscale("log")
    ax.set_xlabel("wall time, ms (bar p50, whisker p99)")
    ax.set_title(title, fontsize=10)
    ax.margins(x=0.35)


def main():
    results = json.load(open(sys.argv[1]))
    os.makedirs(sys.argv[2], exist_ok=True)
    for rtt in dict.fromkeys(s["rtt_ms"] for s in results["summary"]):
        rows = [s for s in results["summary"] if s["rtt_ms"] == rtt]
        calls = [s for s in rows if s["per"] == "call"]
        runs = [s for s in rows if s["per"] == "run"]
        floor = rows[0]["floor_ms"]
        fig, axes = plt.subplots(1, 2, figsize=(15, max(5, 0.32 * max(len(calls), len(runs)) + 2)),
                                 gridspec_kw={"width_ratios": [3, 2]})
        panel(axes[0], calls, floor, "one payments.get: first call (fresh process) and steady state",
              log=False)
        panel(axes[1], runs, floor, runs[0]["scenario"].split(":")[0] + " of one payment"
              if runs else "", log=True)
        fig.suptitle(f"libmercadopago vs the official SDKs at {rtt} ms RTT (HTTPS, user-space "
                     f"latency proxy); floor = 1 RTT + server time {results['server_ms']:.2f} ms",
                     fontsize=11)
        fig.tight_layout()
        path = os.path.join(sys.argv[2], f"latency-{rtt}ms.png")
        fig.savefig(path, dpi=90)
        print("wrote", path)


main()
