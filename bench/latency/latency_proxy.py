#!/usr/bin/env python3
"""A loopback TCP proxy that adds network latency, and counts what crosses it.

    latency_proxy.py --listen 127.0.0.1:443 --target 127.0.0.1:8443 --rtt-ms 50 \
                     --stats 127.0.0.1:9099

Delay model (a propagation delay, not a sleep per exchange): every chunk read in either
direction is forwarded at its arrival time + RTT/2, in order, by a writer task of its own, so
many chunks can be in flight at once and throughput is not throttled.

The TCP handshake: on loopback the client's connect() completes at once, whereas over a real
network it takes one RTT before the client can send, and its first bytes reach the server
RTT/2 later. So nothing goes client->server before accept + 1.5 RTT (the first bytes of a new
connection, sent right after connect(), wait one extra RTT), and nothing server->client before
accept + 1 RTT. A connection opened early and used later (a warm-up) pays nothing extra.
Not modelled: TCP slow start, loss, bandwidth (the answers here are a few KB).

Counters, in total and per connection (the last 500 connections are listed):
  connections      connections accepted
  client_hellos    TLS ClientHellos in the client->server stream (record type 0x16 whose
                   handshake message type is 0x01, before the client's first encrypted record)
  psk_offered      of those, ClientHellos carrying the pre_shared_key extension (41): a
                   TLS 1.3 resumption attempt (a TLS 1.2 one with a session ticket (35) too)
  resumed          ServerHellos that selected a pre-shared key (41): resumptions accepted
  flights          client->server sends that follow server data, or the first send of a
                   connection: round trips = flights + connections (the TCP handshake).
                   A send within RTT/2 of the current flight's start belongs to that flight:
                   a server flight can arrive in several chunks, and a client may answer the
                   first before the rest (OpenSSL sends its compatibility ChangeCipherSpec as
                   soon as it reads the ServerHello), which costs no extra round trip.
                   Nor does a lone TLS alert (the close_notify a client sends as it closes).
  c2s_bytes, s2c_bytes
Stats endpoint (HTTP on --stats): GET /stats -> JSON {"totals": {...}, "connections": [...],
"rtt_ms": ...}; GET or POST /reset -> zeroes the totals and forgets the connections.
"""
import argparse
import asyncio
import json
import sys
import time

COUNTERS = ("connections", "client_hellos", "psk_offered", "resumed", "flights",
            "c2s_bytes", "s2c_bytes")
EXT_PRE_SHARED_KEY = 41
EXT_SESSION_TICKET = 35


class TlsScanner:
    """Reads the TLS records of one direction until the first encrypted one, and hands the
    first plaintext handshake messages to on_message(type, body)."""

    def __init__(self, on_message):
        self.on_message = on_message
        self.buf = b""
        self.handshake = b""
        self.done = False

    def feed(self, data):
        if self.done:
            return
        self.buf += data
        while len(self.buf) >= 5:
            kind, length = self.buf[0], int.from_bytes(self.buf[3:5], "big")
            if kind not in (0x14, 0x15, 0x16, 0x17):  # not TLS (plain HTTP): stop looking
                self.done = True
                return
            if kind in (0x14, 0x17):  # ChangeCipherSpec or application data: encrypted from here
                self.done = True
                return
            if len(self.buf) < 5 + length:
                return
            if kind == 0x16:
                self.handshake += self.buf[5:5 + length]
                while len(self.handshake) >= 4:
                    size = int.from_bytes(self.handshake[1:4], "big")
                    if len(self.handshake) < 4 + size:
                        break
                    self.on_message(self.handshake[0], self.handshake[4:4 + size])
                    self.handshake = self.handshake[4 + size:]
            self.buf = self.buf[5 + length:]


def hello_extensions(body, server):
    """The extension types of a ClientHello (server=False) or ServerHello (server=True)."""
    try:
        p = 2 + 32  # legacy_version, random
        p += 1 + body[p]  # session id
        if server:
            p += 2 + 1  # cipher suite, compression method
        else:
            p += 2 + int.from_bytes(body[p:p + 2], "big")  # cipher suites
            p += 1 + body[p]  # compression methods
        end = p + 2 + int.from_bytes(body[p:p + 2], "big")
        p += 2
        found = {}
        while p + 4 <= end:
            kind, size = int.from_bytes(body[p:p + 2], "big"), int.from_bytes(body[p + 2:p + 4], "big")
            found[kind] = size
            p += 4 + size
        return found
    except IndexError:
        return {}


def lone_alert(data):
    """A chunk that is one TLS alert record: a TLS 1.2 alert (type 0x15), or a TLS 1.3
    encrypted record of an alert's size (2 bytes + content type + 16-byte AEAD tag). Clients
    send their close_notify so when they close; it waits for no answer."""
    if len(data) < 5 or data[0] not in (0x15, 0x17):
        return False
    return len(data) == 5 + int.from_bytes(data[3:5], "big") and (data[0] == 0x15 or len(data) == 24)


class Stats:
    def __init__(self):
        self.reset()

    def reset(self):
        self.totals = dict.fromkeys(COUNTERS, 0)
        self.conns = []

    def add(self, conn, name, n=1):
        conn[name] += n
        self.totals[name] += n


class Proxy:
    def __init__(self, target, rtt_ms, tracing=False):
        self.tracing = tracing
        self.target = target
        self.half = rtt_ms / 2000.0
        self.rtt_ms = rtt_ms
        self.stats = Stats()
        self.next_id = 0

    async def handle(self, creader, cwriter):
        accepted = time.monotonic()
        self.next_id += 1
        conn = dict.fromkeys(COUNTERS, 0)
        conn["id"] = self.next_id
        self.stats.conns.append(conn)
        del self.stats.conns[:-500]
        self.stats.add(conn, "connections")
        try:
            sreader, swriter = await asyncio.open_connection(*self.target)
        except OSError:
            cwriter.close()
            return
        state = {"server_spoke": False, "flight_start": None}

        def client_message(kind, body):
            if kind == 0x01:
                self.stats.add(conn, "client_hellos")
                ext = hello_extensions(body, server=False)
                if EXT_PRE_SHARED_KEY in ext or ext.get(EXT_SESSION_TICKET, 0) > 0:
                    self.stats.add(conn, "psk_offered")

        def server_message(kind, body):
            if kind == 0x02 and EXT_PRE_SHARED_KEY in hello_extensions(body, server=True):
                self.stats.add(conn, "resumed")

        def on_c2s(data):
            now = time.monotonic()
            self.trace(conn, accepted, now, "c2s read", data)
            if state["flight_start"] is None or (
                    state["server_spoke"] and now - state["flight_start"] >= self.half
                    and not lone_alert(data)):
                self.stats.add(conn, "flights")
                state["flight_start"] = now
            state["server_spoke"] = False
            self.stats.add(conn, "c2s_bytes", len(data))
            cscan.feed(data)

        def on_s2c_delivered(data):
            self.trace(conn, accepted, time.monotonic(), "s2c delivered", data)
            state["server_spoke"] = True
            self.stats.add(conn, "s2c_bytes", len(data))
            sscan.feed(data)

        cscan, sscan = TlsScanner(client_message), TlsScanner(server_message)
        await asyncio.gather(
            self.pump(creader, swriter, accepted + 3 * self.half, on_c2s, None),
            self.pump(sreader, cwriter, accepted + 2 * self.half, None, on_s2c_delivered),
            return_exceptions=True)
        for w in (cwriter, swriter):
            w.close()

    def trace(self, conn, accepted, now, what, data):
        if self.tracing:
            print(f"conn {conn['id']} +{(now - accepted) * 1000:8.1f} ms {what:13} "
                  f"{len(data):6} bytes, first 0x{data[0]:02x}, flights {conn['flights']}",
                  file=sys.stderr, flush=True)

    async def pump(self, reader, writer, not_before, on_read, on_delivered):
        """Forwards reader -> writer, each chunk at arrival + RTT/2 (never before not_before)."""
        queue = asyncio.Queue()

        async def deliver():
            while True:
                due, data = await queue.get()
                delay = due - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if data is None:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                if on_delivered:
                    on_delivered(data)
                await writer.drain()

        sender = asyncio.ensure_future(deliver())
        last = not_before
        try:
            while True:
                data = await reader.read(65536)
                last = max(time.monotonic() + self.half, last)
                if not data:
                    queue.put_nowait((last, None))
                    break
                if on_read:
                    on_read(data)
                queue.put_nowait((last, data))
            await sender
        except (ConnectionError, OSError):
            sender.cancel()
            writer.close()

    async def serve_stats(self, reader, writer):
        try:
            line = (await reader.readline()).decode("latin-1").split()
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            path = line[1] if len(line) > 1 else "/"
            if path.startswith("/reset"):
                self.stats.reset()
                body = {"reset": True}
            elif path.startswith("/stats"):
                body = {"rtt_ms": self.rtt_ms, "totals": self.stats.totals,
                        "connections": self.stats.conns}
            else:
                body = {"error": "GET /stats or /reset"}
            data = json.dumps(body).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
            await writer.drain()
        finally:
            writer.close()


def hostport(text):
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--listen", type=hostport, required=True, help="HOST:PORT to accept on")
    ap.add_argument("--target", type=hostport, required=True, help="HOST:PORT to forward to")
    ap.add_argument("--rtt-ms", type=float, required=True, help="round-trip time to add")
    ap.add_argument("--stats", type=hostport, required=True, help="HOST:PORT of the stats endpoint")
    ap.add_argument("--trace", action="store_true", help="log every chunk on stderr")
    args = ap.parse_args()
    proxy = Proxy(args.target, args.rtt_ms, args.trace)
    server = await asyncio.start_server(proxy.handle, *args.listen, backlog=512)
    stats = await asyncio.start_server(proxy.serve_stats, *args.stats)
    print(f"latency_proxy listening on {args.listen[0]}:{server.sockets[0].getsockname()[1]} "
          f"-> {args.target[0]}:{args.target[1]}, rtt {args.rtt_ms} ms, "
          f"stats on {args.stats[0]}:{stats.sockets[0].getsockname()[1]}", flush=True)
    async with server, stats:
        await asyncio.gather(server.serve_forever(), stats.serve_forever())


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
