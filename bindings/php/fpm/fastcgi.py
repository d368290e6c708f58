"""A minimal FastCGI client (the responder role, one request per connection, as a web server
talks to php-fpm), with a driver that sends many requests at a fixed concurrency.

Standard library only: the PHP-FPM tests and the PHP-FPM bench use it instead of a web server.
"""

import socket
import struct
import threading
import time

_VERSION = 1
_BEGIN_REQUEST, _END_REQUEST, _PARAMS, _STDIN, _STDOUT, _STDERR = 1, 3, 4, 5, 6, 7
_RESPONDER = 1
_HEADER = struct.Struct(">BBHHBx")


class Response:
    """What php-fpm answered: the CGI status, headers and body, its stderr, the wall time."""

    def __init__(self, status, headers, body, stderr, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.stderr = stderr
        self.seconds = seconds

    def text(self):
        return self.body.decode("utf-8", "replace")


def _record(kind, content, request_id=1):
    padding = -len(content) % 8
    return _HEADER.pack(_VERSION, kind, request_id, len(content), padding) + content + b"\0" * padding


def _length(n):
    return struct.pack(">B", n) if n < 128 else struct.pack(">I", n | 0x80000000)


def _params(params):
    data = b"".join(
        _length(len(k)) + _length(len(v)) + k + v
        for k, v in ((k.encode(), str(v).encode()) for k, v in params.items()))
    out = b""
    for start in range(0, len(data), 65535):  # a record holds at most 65535 bytes
        out += _record(_PARAMS, data[start:start + 65535])
    return out + _record(_PARAMS, b"")


def _read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("php-fpm closed the connection mid-record")
        buf += chunk
    return buf


def request(address, script, query="", method="GET", timeout=60.0, extra=None):
    """Sends one request for SCRIPT (an absolute path) to php-fpm at ADDRESS (a unix socket
    path) and returns its Response."""
    params = {
        "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_PROTOCOL": "HTTP/1.1", "SERVER_SOFTWARE": "fastcgi.py",
        "REQUEST_METHOD": method, "SCRIPT_FILENAME": script, "SCRIPT_NAME": "/" + script.rsplit("/", 1)[-1],
        "REQUEST_URI": "/" + script.rsplit("/", 1)[-1] + ("?" + query if query else ""),
        "QUERY_STRING": query, "CONTENT_LENGTH": "0", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "0",
    }
    params.update(extra or {})
    start = time.perf_counter()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(address)
        sock.sendall(_record(_BEGIN_REQUEST, struct.pack(">HB5x", _RESPONDER, 0)) + _params(params)
                     + _record(_STDIN, b""))
        stdout, stderr = b"", b""
        while True:
            _, kind, _, length, padding = _HEADER.unpack(_read_exact(sock, _HEADER.size))
            content = _read_exact(sock, length + padding)[:length]
            if kind == _STDOUT:
                stdout += content
            elif kind == _STDERR:
                stderr += content
            elif kind == _END_REQUEST:
                app_status, protocol_status = struct.unpack(">IB3x", content)
                if protocol_status != 0:
                    raise ConnectionError(f"php-fpm refused the request (protocol status {protocol_status})")
                break
    seconds = time.perf_counter() - start
    head, _, body = stdout.partition(b"\r\n\r\n")
    headers, status = {}, 200
    for line in head.decode("latin-1").split("\r\n"):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "status" in headers:
        status = int(headers["status"].split()[0])
    return Response(status, headers, body, stderr.decode("utf-8", "replace"), seconds)


def drive(address, script, queries, concurrency=1, timeout=60.0):
    """Sends len(QUERIES) requests (query strings, in order of sending), CONCURRENCY at a time;
    returns their Responses in the order of QUERIES. A request that fails to complete raises."""
    results = [None] * len(queries)
    errors = []
    next_index = iter(range(len(queries)))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                i = next(next_index, None)
            if i is None or errors:
                return
            try:
                results[i] = request(address, script, queries[i], timeout=timeout)
            except Exception as e:  # reported once all threads stopped
                errors.append(e)
                return

    threads = [threading.Thread(target=worker) for _ in range(max(1, concurrency))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results
