"""Measures the speed-up of N threads sharing one Client against the embedded
HTTPS sandbox (prints figures; asserts nothing).

    python tools/bench_threads.py [--calls 400] [--threads 8] [--delay-ms 20]
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor

from mercadopago_native.sandbox import TEST_CARDS, Sandbox


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=400)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--delay-ms", type=int, default=20,
                    help="server-side delay per call, like a real API round trip (0: none)")
    a = ap.parse_args()
    with Sandbox() as sb, sb.client() as client:
        tok = client.card_tokens.create({
            "card_number": TEST_CARDS["visa"], "expiration_month": 11,
            "expiration_year": 2030, "security_code": "123",
            "cardholder": {"name": "APRO", "identification": {"type": "DNI", "number": "1"}}})
        pid = client.payments.create({
            "transaction_amount": 1, "token": tok["id"], "installments": 1,
            "payment_method_id": "visa", "payer": {"email": "a_b@example.com"}})["id"]

        def work(_):
            client.payments.get(pid)

        def arm():
            if a.delay_ms:
                sb.arm_faults("GET", f"/v1/payments/{pid}", [f"delay:{a.delay_ms}"] * a.calls)

        for _ in range(20):
            work(0)  # warm the connection pool
        arm()
        t0 = time.perf_counter()
        for i in range(a.calls):
            work(i)
        serial = time.perf_counter() - t0
        arm()
        t0 = time.perf_counter()
        with ThreadPoolExecutor(a.threads) as pool:
            list(pool.map(work, range(a.calls)))
        parallel = time.perf_counter() - t0
        sb.clear_faults()
    print(f"{a.calls} payments.get, server delay {a.delay_ms} ms: 1 thread {serial:.3f} s "
          f"({a.calls / serial:.0f}/s), {a.threads} threads {parallel:.3f} s "
          f"({a.calls / parallel:.0f}/s), speed-up x{serial / parallel:.2f}")


if __name__ == "__main__":
    main()
