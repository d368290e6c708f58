"""Self-check of latency_proxy.py (ctest label `bench`, ~2 s): through the proxy at a 100 ms
RTT, against a local TCP echo server and a local TLS echo server, it asserts the counters
exactly and that each exchange takes at least the round trips it stands for (a lower bound
only: the machine may be slow, never faster than the network it emulates).

    python3 latency_proxy_test.py
"""
import json
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
RTT = 0.1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def echo_server(wrap=None):
    """Echoes every chunk back; with wrap, over TLS. Returns its port."""
    srv = socket.create_server(("127.0.0.1", 0))

    def serve(conn):
        with conn:
            try:
                if wrap:
                    conn = wrap(conn)
                while data := conn.recv(65536):
                    conn.sendall(data)
            except (OSError, ssl.SSLError):
                pass

    def accept():
        while True:
            conn, _ = srv.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return srv.getsockname()[1]


class Proxy:
    def __init__(self, target):
        self.port, self.stats_port = free_port(), free_port()
        self.p = subprocess.Popen([sys.executable, os.path.join(HERE, "latency_proxy.py"),
                                   "--listen", f"127.0.0.1:{self.port}",
                                   "--target", f"127.0.0.1:{target}", "--rtt-ms", str(RTT * 1000),
                                   "--stats", f"127.0.0.1:{self.stats_port}"],
                                  stdout=subprocess.PIPE, text=True)
        assert "listening" in self.p.stdout.readline()

    def totals(self):
        url = f"http://127.0.0.1:{self.stats_port}/stats"
        return json.load(urllib.request.urlopen(url, timeout=5))["totals"]

    def reset(self):
        urllib.request.urlopen(f"http://127.0.0.1:{self.stats_port}/reset", timeout=5).read()

    def close(self):
        self.p.terminate()
        self.p.wait()


def exchange(sock, data):
    t = time.monotonic()
    sock.sendall(data)
    got = b""
    while len(got) < len(data):
        got += sock.recv(65536)
    assert got == data, (got, data)
    return time.monotonic() - t


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail else ""))
    return ok


def main():
    good = True
    # Plain TCP: a fresh connection's first exchange = TCP handshake + 1 RTT; then 1 RTT each.
    proxy = Proxy(echo_server())
    try:
        t = time.monotonic()
        sock = socket.create_connection(("127.0.0.1", proxy.port))
        exchange(sock, b"hello")
        first = time.monotonic() - t
        second = exchange(sock, b"again" * 1000)
        sock.close()
        time.sleep(0.05)
        c = proxy.totals()
        good &= check("fresh TCP exchange takes >= 2 RTT", first >= 2 * RTT, f"{first * 1000:.0f} ms")
        good &= check("keep-alive exchange takes >= 1 RTT", second >= RTT, f"{second * 1000:.0f} ms")
        good &= check("counters: 1 connection, 2 flights, no TLS",
                      (c["connections"], c["flights"], c["client_hellos"]) == (1, 2, 0), str(c))
        good &= check("counters: bytes", (c["c2s_bytes"], c["s2c_bytes"]) == (5005, 5005), str(c))
        proxy.reset()
        good &= check("reset zeroes the counters", proxy.totals()["connections"] == 0)
    finally:
        proxy.close()

    # TLS 1.3: a full handshake, then a resumption with the first connection's ticket.
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=localhost", "-addext",
                        "subjectAltName=DNS:localhost"], check=True, capture_output=True)
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(cert, key)
        proxy = Proxy(echo_server(lambda s: server_ctx.wrap_socket(s, server_side=True)))
        try:
            ctx = ssl.create_default_context(cafile=cert)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_3
            times, session = [], None
            for _ in range(2):
                t = time.monotonic()
                raw = socket.create_connection(("127.0.0.1", proxy.port))
                tls = ctx.wrap_socket(raw, server_hostname="localhost", session=session)
                exchange(tls, b"ping")  # the tickets arrive with or before the answer
                times.append(time.monotonic() - t)
                session = tls.session
                tls.close()
            time.sleep(0.05)
            c = proxy.totals()
            good &= check("fresh TLS 1.3 exchange takes >= 3 RTT", min(times) >= 3 * RTT,
                          ", ".join(f"{x * 1000:.0f} ms" for x in times))
            good &= check("counters: 2 connections, 2 ClientHellos, 1 offering a PSK, 1 resumed",
                          (c["connections"], c["client_hellos"], c["psk_offered"], c["resumed"])
                          == (2, 2, 1, 1), str(c))
            good &= check("counters: 2 flights per connection (hello, then Finished + data)",
                          c["flights"] == 4, str(c))
        finally:
            proxy.close()
    sys.exit(0 if good else 1)


main()
