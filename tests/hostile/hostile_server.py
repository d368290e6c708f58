#!/usr/bin/env python3
"""hostile_server.py - a loopback HTTP(S) server that misbehaves on demand.

For tests/hostile/test_hostile.c (python3 standard library only).

    python3 hostile_server.py --info FILE

Listens on 127.0.0.1 on four ephemeral ports and writes them, with the path of
a throwaway CA, as JSON to FILE (atomically, once every socket listens):

    {"http_port": N, "https_port": N, "tls_reset_port": N, "proxy_port": N,
     "ca_file": "/tmp/.../ca.pem"}

  http_port       plain HTTP, every scenario below;
  https_port      the same scenarios over TLS (a certificate for 127.0.0.1 and
                  localhost, signed by ca_file, made with the openssl CLI);
  tls_reset_port  reads each ClientHello, then closes with a TCP RST
                  (SO_LINGER on, 0 s): a reset during the TLS handshake;
  proxy_port      a "proxy" that records what it receives: a CONNECT gets 403,
                  anything else a forged 200 payment (id 666).

It exits when its stdin closes or on SIGTERM, so it never outlives the test.

Choosing a scenario: the query parameter "scenario" when present, else the
last segment of the path. So payments.get with id=<scenario> requests
GET /v1/payments/<scenario>, and payments.search with the query
scenario=<name> requests GET /v1/payments/search?scenario=<name>&offset=..

  ok                    200 {"id":1,"status":"approved"}
  big-length            200, Content-Length 1 GiB, then the body (to 1 GiB)
  big-chunked           200, chunked, endless chunks
  big-close             200, no length, body until close, endless
  big-error             500, no length, a ~100 MiB JSON error (huge "message")
  big-error-length      the same with a Content-Length
  big-error-30m         400, Content-Length, a ~30 MiB JSON error (300k causes)
  slow-big-error        the same, its last 64 bytes held until 2800 ms after
                        the request arrived (the test's timeout is 3000 ms)
  endless-headers       the status line, then endless small header lines
  huge-header           one 1 MB header line
  endless-100           endless "100 Continue" interim answers
  slowloris             status line and headers, then 1 body byte every 0.5 s
  slowloris-headers     the status line and headers, 1 byte every 0.5 s
  redirect-NNN          NNN in 301 302 303 307 308: Location
                        /v1/payments/target-redirect-NNN, whose requests are
                        counted and answered 200 (a forged payment)
  invalid-json          200 {]
  nested-json           200 with 100,000 [
  nested-object         200 with 100,000 {"a":
  redactor-crash[-500]  200 (500) {"kkk...":1,}"vvv..." (10,000 k's, v's)
  bigint                200 {"id":1e300,"total":99999999999999999999999}
  bigint-1e300          200 {"id":1e300,"neg":-1e300,"big":9.3e18}
  bigint-edge           200 numbers at and just past the int64 range
  non-utf8[-400]        200 (400) invalid UTF-8 inside JSON strings, and an
                        X-Request-Id with bytes 0x80-0xff and control characters
  control-chars-400     400, valid JSON whose strings escape control characters
  header-nul            200 with a NUL byte inside a header value
  html                  502 with an HTML page
  status-NNN            NNN in 000 099 299 600 999: that status, a small body
  http09                a body with no status line, then close
  empty-reply           close without answering
  truncated             Content-Length 1000, 10 bytes, close
  rst-mid-body          Content-Length 100000, 1000 bytes, TCP RST
  dup-length            two different Content-Length headers
  gzip-bomb             200, Content-Encoding: gzip, 256 MiB of zeros (~250 KB)
  retry-after-huge      503 with Retry-After: 99999999999999999999999
  secrets               400 quoting secrets back in every field and header
                        (the token it was sent, card numbers, CVV, document,
                        expiry); secrets-200: the same body with 200
  paging-ignores-offset payments.search: ids 1..50 whatever the offset, no
                        paging.total
  paging-overlap        100 items; a page starts at offset/10 (pages overlap
                        by 90%), no paging.total
  paging-total-1e300    3 items and "paging":{"total":1e300}
  target-*              200 {"id":666,...} (a redirect's target)

Admin (plain HTTP port):
  GET /__hostile/count/<name>  requests seen so far for that scenario name
  GET /__hostile/proxy         {"connections":N,"bytes":N,"authorization":N,
                                "connect":N,"token":N} of the proxy recorder

"Endless" is bounded: until the client goes away, or 3 GiB, or 60 s.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

ENDLESS_BYTES = 3 << 30
ENDLESS_SECONDS = 60.0
IO_TIMEOUT = 10.0  # a client that neither reads nor closes: give up on it

CHUNK = b"x" * 65536

lock = threading.Lock()
counts = {}
proxy_stats = {"connections": 0, "bytes": 0, "authorization": 0, "connect": 0, "token": 0}
tmpdir = None


def log(*args):
    print("hostile_server:", *args, file=sys.stderr, flush=True)


# ---- certificates ----------------------------------------------------------

def make_certificates(d):
    """A throwaway CA and a server certificate for 127.0.0.1 and localhost."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=hostile test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "basicConstraints=CA:FALSE\n"
                "keyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\n"
                "subjectKeyIdentifier=hash\n"
                "authorityKeyIdentifier=keyid\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return os.path.join(d, "ca.pem"), os.path.join(d, "server.pem"), os.path.join(d, "server.key")


# ---- requests --------------------------------------------------------------

class Request:
    def __init__(self, method, target, headers, body):
        self.method = method
        self.target = target
        self.headers = headers  # lower-case name -> value
        self.body = body
        parts = urllib.parse.urlsplit(target)
        self.path = parts.path
        self.query = urllib.parse.parse_qs(parts.query)

    def q(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def token(self):
        auth = self.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else auth


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        if len(data) > 65536:
            return None
        chunk = conn.recv(4096)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    first = lines[0].split(b" ")
    if len(first) < 2:
        return None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    try:
        length = min(int(headers.get("content-length", "0") or "0"), 1 << 20)
    except ValueError:
        length = 0
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Request(first[0].decode("latin-1"), first[1].decode("latin-1"), headers, rest[:length])


# ---- answers ---------------------------------------------------------------

def answer(conn, status, body=b"", headers=(), reason=None):
    if isinstance(body, str):
        body = body.encode()
    head = "HTTP/1.1 %s %s\r\n" % (status, reason or "Whatever")
    out = head.encode("latin-1")
    for h in headers:
        out += (h.encode("latin-1") if isinstance(h, str) else h) + b"\r\n"
    out += b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
    conn.sendall(out + body)


def json_answer(conn, status, obj, headers=()):
    answer(conn, status, json.dumps(obj), ("Content-Type: application/json",) + tuple(headers))


class Budget:
    """Bounds every endless loop: bytes sent and seconds spent."""
    def __init__(self, max_bytes=ENDLESS_BYTES, seconds=ENDLESS_SECONDS):
        self.left = max_bytes
        self.until = time.monotonic() + seconds

    def spend(self, n):
        self.left -= n
        return self.left > 0 and time.monotonic() < self.until


def stream(conn, head, pieces, tail=b""):
    """Sends head, then the pieces an iterator yields, within the budget."""
    conn.sendall(head)
    budget = Budget()
    for p in pieces:
        conn.sendall(p)
        if not budget.spend(len(p)):
            return
    conn.sendall(tail)


def forever(piece):
    while True:
        yield piece


def sized(total, piece=CHUNK):
    while total > 0:
        n = min(total, len(piece))
        yield piece[:n]
        total -= n


def trickle(conn, data, every=0.5):
    """One byte every 0.5 s; data may be an endless iterator of bytes."""
    budget = Budget()
    for b in data:
        conn.sendall(bytes([b]))
        time.sleep(every)
        if not budget.spend(1):
            return


def endless_bytes(prefix, filler):
    yield from prefix
    while True:
        yield from filler


def hold_open(conn):
    """Keeps the connection until the client closes it (or the budget ends)."""
    budget = Budget()
    conn.settimeout(1.0)
    while budget.spend(0):
        try:
            if not conn.recv(4096):
                return
        except socket.timeout:
            continue


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def big_error_body(causes):
    """A ~80 bytes/cause API error: many small objects, much for a redactor.
    (Codes from 1000000 up: no short number that looks like a CVV.)"""
    item = b'{"code":%d,"description":"the field is invalid: a long enough sentence"}'
    return (b'{"message":"too many causes","error":"bad_request","status":400,"cause":[' +
            b",".join(item % (1000000 + i) for i in range(causes)) + b"]}")


_body_cache = {}


def big_error_30m():
    with lock:
        if "30m" not in _body_cache:
            _body_cache["30m"] = big_error_body(400000)
        return _body_cache["30m"]


def gzip_bomb():
    """256 MiB of zeros in ~250 KB (made on first use, ~1 s)."""
    with lock:
        if "gzip" not in _body_cache:
            z = zlib.compressobj(9, zlib.DEFLATED, 31)
            zeros = bytes(1 << 20)
            _body_cache["gzip"] = b"".join([z.compress(zeros) for _ in range(256)] + [z.flush()])
        return _body_cache["gzip"]


# Secrets quoted back by the "secrets" scenario (the token comes from the request).
CARD = "4509953566233704"
CARD_SPACED = "4509 9535 6623 3704"
CARD_DASHED = "4509-9535-6623-3704"


def secrets_body(token):
    card = {"card_number": CARD, "security_code": "8362",
            "expiration_month": 11, "expiration_year": 2031,
            "cardholder": {"name": "APRO", "identification": {"type": "CPF", "number": "31415926535"}}}
    free = ("card %s (%s, %s), security code 8362, CPF 31415926535, token %s, "
            "\"security_code\":\"8362\", \"expiration_month\":11,\"expiration_year\":2031, "
            "\"identification\":{\"type\":\"CPF\",\"number\":\"31415926535\"}"
            % (CARD, CARD_SPACED, CARD_DASHED, token))
    return {
        "message": "invalid card: " + free,
        "error": "bad_request " + token + " " + CARD_SPACED + " security code 8362",
        "status": 400,
        "cause": [
            {"code": token, "description": free},
            {"code": CARD, "description": CARD_DASHED + " security code 8362"},
            {"code": int(CARD), "description": "CPF 31415926535"},
            {"code": "security_code", "description": "\"security_code\":\"8362\"", "data": card},
            {"code": CARD_SPACED, "description": "Bearer " + token},
        ],
        "card": card,
        "access_token": token,
        "authorization": "Bearer " + token,
        "payer": {"identification": {"type": "CPF", "number": "31415926535"}},
    }


def paging(conn, req, name):
    offset = int(req.q("offset", "0") or "0")
    limit = int(req.q("limit", "50") or "50")
    if name == "paging-ignores-offset":
        body = {"results": [{"id": i} for i in range(1, 51)], "paging": {"offset": 0, "limit": 50}}
    elif name == "paging-overlap":
        first = offset // 10 + 1
        ids = range(first, min(first + limit, 101))
        body = {"results": [{"id": i} for i in ids], "paging": {"offset": offset, "limit": limit}}
    else:  # paging-total-1e300
        text = '{"results":[{"id":1},{"id":2},{"id":3}],"paging":{"total":1e300,"offset":0,"limit":50}}'
        return answer(conn, 200, text, ("Content-Type: application/json",))
    json_answer(conn, 200, body)


def serve(conn, req, name):
    ok = '{"id":1,"status":"approved"}'
    if name == "ok":
        return answer(conn, 200, ok, ("Content-Type: application/json", "X-Request-Id: req-ok-1"))
    if name.startswith("target-"):
        return answer(conn, 200, '{"id":666,"status":"approved","forged":true}')
    if name == "big-length":
        return stream(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1073741824\r\n\r\n", sized(1 << 30))
    if name == "big-chunked":
        piece = b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n"
        return stream(conn, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", forever(piece))
    if name == "big-close":
        return stream(conn, b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", forever(CHUNK))
    if name in ("big-error", "big-error-length"):
        head = b'{"message":"'
        tail = b'","error":"internal_error","status":500,"cause":[]}'
        n = 100 << 20
        length = b"Content-Length: %d\r\n" % (len(head) + n + len(tail)) if name == "big-error-length" else b""
        return stream(conn, b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                      + length + b"Connection: close\r\n\r\n" + head, sized(n), tail)
    if name in ("big-error-30m", "slow-big-error"):
        body = big_error_30m()
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body))
        if name == "big-error-30m":
            return conn.sendall(body)
        conn.sendall(body[:-64])
        time.sleep(max(0.0, req.arrived + 2.8 - time.monotonic()))
        return conn.sendall(body[-64:])
    if name == "endless-headers":
        def lines():
            i = 0
            while True:
                i += 1
                yield b"X-Filler-%d: aaaaaaaaaaaaaaaa\r\n" % i
        return stream(conn, b"HTTP/1.1 200 OK\r\n", lines())
    if name == "huge-header":
        return conn.sendall(b"HTTP/1.1 200 OK\r\nX-Huge: " + b"a" * 1000000 +
                            b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    if name == "endless-100":
        return stream(conn, b"", forever(b"HTTP/1.1 100 Continue\r\n\r\n"))
    if name == "slowloris":
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
        return trickle(conn, endless_bytes(b"", b'{"id":1}       '))
    if name == "slowloris-headers":
        return trickle(conn, endless_bytes(b"HTTP/1.1 200 OK\r\nX-Slow: ", b"abcdefgh"))
    if name.startswith("redirect-"):
        code = name[len("redirect-"):]
        return answer(conn, code, '{"id":1,"status":"approved"}',
                      ("Location: /v1/payments/target-" + name, "Content-Type: application/json"),
                      reason="Moved")
    if name == "invalid-json":
        return answer(conn, 200, "{]", ("Content-Type: application/json",))
    if name == "nested-json":
        return answer(conn, 200, "[" * 100000, ("Content-Type: application/json",))
    if name == "nested-object":
        return answer(conn, 200, '{"a":' * 100000, ("Content-Type: application/json",))
    if name in ("redactor-crash", "redactor-crash-500"):
        body = '{"' + "k" * 10000 + '":1,}"' + "v" * 10000 + '"'
        return answer(conn, 200 if name == "redactor-crash" else 500, body,
                      ("Content-Type: application/json",))
    if name == "bigint":
        return answer(conn, 200, '{"id":1e300,"total":99999999999999999999999}',
                      ("Content-Type: application/json",))
    if name == "bigint-1e300":
        return answer(conn, 200, '{"id":1e300,"neg":-1e300,"big":9.3e18}',
                      ("Content-Type: application/json",))
    if name == "bigint-edge":
        return answer(conn, 200, '{"max":9223372036854775807,"min":-9223372036854775808,'
                      '"over":9223372036854775808,"u64max":18446744073709551615,'
                      '"two63":9223372036854775808.0,"neg63":-9223372036854775808.0,'
                      '"huge":-1e19,"half":2.5}', ("Content-Type: application/json",))
    if name in ("non-utf8", "non-utf8-400"):
        body = (b'{"id":1,"status":"appr\xff\xfeved","message":"bad \xc3\x28 \xed\xa0\x80 '
                b'\xf8\x88\x80\x80\x80 \xc0\xaf","error":"bad_\xe2\x82request",'
                b'"cause":[{"code":"\xff\x80","description":"\x80\x81\x82"}]}')
        rid = b"X-Request-Id: req-\x80\x9f\xff\x01\x1b[31mred\x7f\x08tail"
        return answer(conn, 200 if name == "non-utf8" else 400, body,
                      (b"Content-Type: application/json", rid))
    if name == "control-chars-400":
        body = ('{"message":"bad\\u0000input\\u001b[2J\\u0007\\r\\nX-Injected: 1\\u0085\\u009b31m",'
                '"error":"bad\\u001b[31m_request\\n","status":400,'
                '"cause":[{"code":"\\u0001","description":"line\\nbreak\\u001b]0;title\\u0007"}]}')
        return answer(conn, 400, body, ("Content-Type: application/json",
                                        b"X-Request-Id: \x1b]0;pwned\x07req\x08\x08\x08"))
    if name == "header-nul":
        return answer(conn, 200, ok, (b"X-Request-Id: req\x00nul",))
    if name == "html":
        return answer(conn, 502, "<html><head><title>502 Bad Gateway</title></head><body>"
                      "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                      "</body></html>\r\n", ("Content-Type: text/html",), reason="Bad Gateway")
    if name.startswith("status-"):
        return answer(conn, name[len("status-"):], ok, ("Content-Type: application/json",))
    if name == "http09":
        return conn.sendall(ok.encode())
    if name == "empty-reply":
        return None
    if name == "truncated":
        return conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b'{"id":1,  ')
    if name == "rst-mid-body":
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b" " * 1000)
        time.sleep(0.05)
        return "reset"
    if name == "dup-length":
        return conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 28\r\nContent-Length: 5000\r\n"
                            b"Content-Type: application/json\r\n\r\n" + ok.encode())
    if name == "gzip-bomb":
        return answer(conn, 200, gzip_bomb(), ("Content-Type: application/json",
                                               "Content-Encoding: gzip"))
    if name == "retry-after-huge":
        return answer(conn, 503, '{"message":"busy","error":"service_unavailable","status":503}',
                      ("Content-Type: application/json", "Retry-After: 99999999999999999999999"))
    if name in ("secrets", "secrets-200"):
        token = req.token()
        # The request id quotes what the request sent: the token, and the
        # security code and document number of a write's body (a GET has
        # none; its request id quotes the token and a card number).
        sent = []
        try:
            body = json.loads(req.body or b"null") or {}
            sent = [str(body["security_code"]),
                    str(body["cardholder"]["identification"]["number"])]
        except (ValueError, KeyError, TypeError):
            pass
        rid = "X-Request-Id: " + "-".join([token, CARD] + sent)
        return json_answer(conn, 400 if name == "secrets" else 200, secrets_body(token),
                           (rid, "X-Echo: Bearer " + token, "X-Card: " + CARD_SPACED))
    if name.startswith("paging-"):
        return paging(conn, req, name)
    return answer(conn, 404, '{"message":"no such scenario","error":"not_found","status":404}')


def admin(conn, req):
    if req.path.startswith("/__hostile/count/"):
        name = req.path[len("/__hostile/count/"):]
        with lock:
            n = counts.get(name, 0)
        return answer(conn, 200, str(n))
    if req.path == "/__hostile/proxy":
        with lock:
            text = json.dumps(proxy_stats)
        return answer(conn, 200, text)
    return answer(conn, 404, "")


def handle(conn, tls_context):
    try:
        conn.settimeout(IO_TIMEOUT)
        if tls_context is not None:
            conn = tls_context.wrap_socket(conn, server_side=True)
        req = read_request(conn)
        if req is None:
            return
        req.arrived = time.monotonic()
        if req.path.startswith("/__hostile/"):
            return admin(conn, req)
        name = req.q("scenario") or req.path.rstrip("/").rsplit("/", 1)[-1]
        with lock:
            counts[name] = counts.get(name, 0) + 1
        if serve(conn, req, name) == "reset":
            return reset(conn)
        if name in ("big-length",):
            hold_open(conn)
    except (OSError, ssl.SSLError, ValueError):
        pass  # the client went away (or spoke nonsense): that is the point
    finally:
        try:
            conn.close()
        except OSError:
            pass


def handle_tls_reset(conn):
    try:
        conn.settimeout(IO_TIMEOUT)
        conn.recv(16384)  # the ClientHello
        reset(conn)
    except OSError:
        conn.close()


def handle_proxy(conn, token_hint):
    try:
        conn.settimeout(2.0)
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
        with lock:
            proxy_stats["connections"] += 1
            proxy_stats["bytes"] += len(data)
            if b"authorization:" in data.lower():
                proxy_stats["authorization"] += 1
            if b"bearer " in data.lower():
                proxy_stats["token"] += 1
            if data.startswith(b"CONNECT "):
                proxy_stats["connect"] += 1
        if data.startswith(b"CONNECT "):
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        elif data:
            answer(conn, 200, '{"id":666,"status":"approved","proxied":true}',
                   ("Content-Type: application/json",))
    except OSError:
        pass
    finally:
        conn.close()


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(128)
    return s


def accept_loop(sock, target, *args):
    while True:
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        threading.Thread(target=target, args=(conn,) + args, daemon=True).start()


def shutdown(*_):
    if tmpdir:
        shutil.rmtree(tmpdir, ignore_errors=True)
    os._exit(0)


def main():
    global tmpdir
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--info", required=True, help="where to write the ports and CA path (JSON)")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, shutdown)
    tmpdir = tempfile.mkdtemp(prefix="hostile-")
    ca, cert, key = make_certificates(tmpdir)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)

    http, https, tls_reset, proxy = listen(), listen(), listen(), listen()
    threading.Thread(target=accept_loop, args=(http, handle, None), daemon=True).start()
    threading.Thread(target=accept_loop, args=(https, handle, ctx), daemon=True).start()
    threading.Thread(target=accept_loop, args=(tls_reset, handle_tls_reset), daemon=True).start()
    threading.Thread(target=accept_loop, args=(proxy, handle_proxy, None), daemon=True).start()

    info = {"http_port": http.getsockname()[1], "https_port": https.getsockname()[1],
            "tls_reset_port": tls_reset.getsockname()[1], "proxy_port": proxy.getsockname()[1],
            "ca_file": ca}
    with open(args.info + ".tmp", "w") as f:
        json.dump(info, f)
    os.replace(args.info + ".tmp", args.info)
    print(json.dumps(info), flush=True)

    # Our parent holds the other end of stdin: when it goes, so do we.
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError):
        pass
    shutdown()


if __name__ == "__main__":
    main()
