"""One client shared by 8 threads; the GIL is released during calls."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from conftest import pay

CALLS = 160


def test_eight_threads_share_one_client(mp_sandbox, capsys):
    with mp_sandbox.client() as client:
        ids = [pay(client, amount=1 + i)["id"] for i in range(8)]
        # Each call waits ~20 ms on the server, like a real API round trip.
        mp_sandbox.arm_faults("GET", "/v1/payments/", ["delay:20"] * (2 * CALLS))

        def work(i):
            got = client.payments.get(ids[i % len(ids)])
            assert got["id"] == ids[i % len(ids)]
            return threading.get_ident()

        try:
            t0 = time.perf_counter()
            for i in range(CALLS):
                work(i)
            serial = time.perf_counter() - t0

            t0 = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                idents = set(pool.map(work, range(CALLS)))
            parallel = time.perf_counter() - t0
        finally:
            mp_sandbox.clear_faults()
    assert len(idents) > 1
    with capsys.disabled():
        print(f"\n[threads] {CALLS} payments.get with 20 ms server delay: serial {serial:.3f} s, "
              f"8 threads {parallel:.3f} s, speed-up x{serial / parallel:.2f}")


def test_calls_from_threads_without_delay(mp_client):
    pid = pay(mp_client)["id"]
    errors = []

    def work():
        try:
            for _ in range(25):
                assert mp_client.payments.get(pid)["id"] == pid
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
