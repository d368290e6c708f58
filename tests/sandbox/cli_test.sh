#!/usr/bin/env bash
# The mp-sandbox program contract, checked for real against the built binary:
#   the single "listening on" line, HTTPS with the CA it writes, 401 without a token,
#   X-Request-Id, clean exit on SIGTERM/SIGINT, exit status 2 on bad arguments, and the
#   fault injection of /__sandbox/faults.
#   Since issue 12: --version, GET /__sandbox/health, POST /__sandbox/reset, --host 0.0.0.0 / ::
#   / an address, --tls-name (verified HTTPS by name, curl --resolve), --ca-cert/--ca-key (one
#   CA across restarts, bad files), the MP_SANDBOX_* variables (the webhook secret checked on a
#   signed delivery to a python3 receiver) and the command line over them,
#   and a --help that names all of it. A listen backlog of 512.
# Usage: cli_test.sh /path/to/mp-sandbox [PROJECT_VERSION]
set -u

bin=${1:?usage: cli_test.sh /path/to/mp-sandbox [PROJECT_VERSION]}
version=${2:-}
work=$(mktemp -d)
pid=""
failures=0

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

pass() { printf 'ok   %s\n' "$1"; }
fail() {
    printf 'FAIL %s\n' "$1"
    failures=$((failures + 1))
}
check() { # check "description" command...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# Starts mp-sandbox with the given arguments in the background; sets pid and url.
start() {
    : >"$work/stdout"
    "$bin" "$@" >"$work/stdout" 2>"$work/stderr" &
    pid=$!
    url=""
    for _ in $(seq 1 100); do
        if grep -q . "$work/stdout"; then
            sleep 0.1 # let a second line, if any, arrive before we count
            url=$(sed -n 's/^mp-sandbox listening on //p' "$work/stdout")
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "mp-sandbox did not print its line; stderr:" >&2
    cat "$work/stderr" >&2
    return 1
}

# Sends a signal and returns the exit status (124 if it did not exit within 10 s).
stop_with() {
    kill "-$1" "$pid"
    for _ in $(seq 1 200); do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid"
            local status=$?
            pid=""
            return "$status"
        fi
        # A zombie still answers kill -0; wait reaps it.
        if [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ]; then
            wait "$pid"
            local status=$?
            pid=""
            return "$status"
        fi
        sleep 0.05
    done
    return 124
}

token='Authorization: Bearer TEST-sandbox-token-1234567'
ca="$work/ca.pem"

# --- HTTPS, the CA file and the single line -------------------------------------------------
if start --port 0 --tls --ca-out "$ca"; then
    check "prints exactly one line on stdout" test "$(wc -l <"$work/stdout")" -eq 1
    check "the line is 'mp-sandbox listening on https://127.0.0.1:PORT'" \
        grep -Eq '^mp-sandbox listening on https://127\.0\.0\.1:[0-9]{1,5}$' "$work/stdout"
    check "writes the CA certificate to --ca-out" grep -q 'BEGIN CERTIFICATE' "$ca"

    code=$(curl -sS --cacert "$ca" -H "$token" -o "$work/body" -w '%{http_code}' \
        "$url/v1/payment_methods")
    check "answers over HTTPS, verified with --cacert (got $code)" test "$code" = 200
    check "the body is a JSON array" grep -q '^\[{' "$work/body"

    curl -sS -o /dev/null "$url/v1/payment_methods" 2>/dev/null
    check "curl without the CA refuses the certificate (exit 60)" test $? -eq 60

    port=${url##*:}
    code=$(curl -sS --cacert "$ca" -H "$token" -o /dev/null -w '%{http_code}' \
        "https://localhost:$port/v1/identification_types")
    check "the certificate also names localhost (got $code)" test "$code" = 200

    code=$(curl -sS --cacert "$ca" -D "$work/headers" -o "$work/body" -w '%{http_code}' \
        "$url/v1/payments/1")
    check "401 without a token (got $code)" test "$code" = 401
    check "401 body is the unauthorized envelope" \
        grep -q '"error":"unauthorized"' "$work/body"
    check "X-Request-Id header is a UUIDv4" grep -Eiq \
        '^x-request-id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}' \
        "$work/headers"
    check "Content-Type is application/json;charset=UTF-8" \
        grep -iq '^content-type: application/json;charset=UTF-8' "$work/headers"
    # A burst of new connections (a batch opens 16) must not overflow the accept queue.
    backlog=$(ss -Hltn "sport = :$port" | awk '{print $3; exit}')
    check "it listens with a backlog of 512, not cpp-httplib's 5 (got ${backlog:-none})" \
        test "${backlog:-0}" -ge 512

    stop_with TERM
    check "SIGTERM exits 0" test $? -eq 0
    check "nothing more was printed on stdout" test "$(wc -l <"$work/stdout")" -eq 1
    curl -sS --cacert "$ca" -o /dev/null --max-time 2 "$url/v1/payment_methods" 2>/dev/null
    check "the port is closed after exit" test $? -ne 0
else
    fail "mp-sandbox --port 0 --tls --ca-out FILE starts"
fi

# --- plain HTTP by default, SIGINT -----------------------------------------------------------
if start --host 127.0.0.1 --port 0; then
    check "without --tls the URL is http://" \
        grep -Eq '^mp-sandbox listening on http://127\.0\.0\.1:[0-9]+$' "$work/stdout"
    code=$(curl -sS -H "$token" -o /dev/null -w '%{http_code}' "$url/v1/identification_types")
    check "answers over HTTP (got $code)" test "$code" = 200
    stop_with INT
    check "SIGINT exits 0" test $? -eq 0
else
    fail "mp-sandbox --host 127.0.0.1 --port 0 starts"
fi

# --- fault injection (/__sandbox/faults) ----------------------------------------------------
if start --port 0; then
    faults="$url/__sandbox/faults"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$faults" \
        -d '{"method":"GET","path":"/v1/identification_types","faults":["503","ok"]}')
    check "arming a fault sequence answers 201 (got $code)" test "$code" = 201
    code=$(curl -sS -o "$work/body" -w '%{http_code}' -H "$token" "$url/v1/identification_types")
    check "first matching request gets the injected 503 (got $code)" test "$code" = 503
    check "the 503 is the error envelope" grep -q '"status":503' "$work/body"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$token" "$url/v1/identification_types")
    check "the next one is served normally ('ok', got $code)" test "$code" = 200

    curl -sS -o /dev/null -X POST "$faults" \
        -d '{"method":"GET","path":"/v1/identification","faults":["reset_before","429:2"]}'
    curl -sS -o /dev/null -H "$token" "$url/v1/identification_types" 2>/dev/null
    status=$?
    check "reset_before drops the connection (curl exit 52/56, got $status)" \
        test "$status" -eq 52 -o "$status" -eq 56
    code=$(curl -sS -D "$work/headers" -o /dev/null -w '%{http_code}' -H "$token" \
        "$url/v1/identification_types")
    check "429:2 answers 429 (got $code)" test "$code" = 429
    check "429:2 sends Retry-After: 2" grep -iq '^retry-after: 2' "$work/headers"

    curl -sS -o /dev/null -X POST "$faults" -d '{"path":"/v1/payment_methods","faults":["503"]}'
    check "GET lists the pending sequence" \
        sh -c "curl -sS '$faults' | grep -q '\"faults\":\[\"503\"\]'"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE "$faults")
    check "DELETE clears the faults (got $code)" test "$code" = 200
    check "nothing is pending after DELETE" sh -c "test \"\$(curl -sS '$faults')\" = '[]'"
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$faults" -d '{"faults":["bogus"]}')
    check "a bad fault is a 400 (got $code)" test "$code" = 400

    curl -sS -o /dev/null -X POST "$faults" -d '{"path":"/v1/payment_methods","faults":["stall"]}'
    curl -sS -o /dev/null --max-time 1 -H "$token" "$url/v1/payment_methods" 2>/dev/null
    check "stall never answers (curl times out, exit 28)" test $? -eq 28
    curl -sS -o /dev/null -X POST "$faults" -d '{"path":"/v1/payment_methods","faults":["stall"]}'
    curl -sS -o /dev/null --max-time 30 -H "$token" "$url/v1/payment_methods" 2>/dev/null &
    stalled=$!
    sleep 0.3
    started=$(date +%s%N)
    stop_with TERM
    status=$?
    elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    check "SIGTERM with a stalled request exits 0 promptly (${elapsed_ms} ms)" \
        test "$status" -eq 0 -a "$elapsed_ms" -lt 3000
    wait "$stalled" 2>/dev/null
else
    fail "mp-sandbox --port 0 starts (faults)"
fi

# --- --version and the health route ----------------------------------------------------------
if [ -n "$version" ]; then
    out=$("$bin" --version 2>&1)
    status=$?
    check "--version exits 0 and prints 'mp-sandbox $version' (got '$out', exit $status)" \
        test "$status" -eq 0 -a "$out" = "mp-sandbox $version"
fi
if start --port 0; then
    code=$(curl -sS -o "$work/body" -w '%{http_code}' "$url/__sandbox/health")
    check "GET /__sandbox/health answers 200 without credentials (got $code)" test "$code" = 200
    check "health says status ok, the version, plain HTTP, an uptime and a request count" \
        test -n "$(grep -E '"status":"ok"' "$work/body")" -a \
        -n "$(grep -E "\"version\":\"$version\"" "$work/body")" -a \
        -n "$(grep -E '"tls":false' "$work/body")" -a \
        -n "$(grep -E '"uptime_seconds":[0-9]+' "$work/body")" -a \
        -n "$(grep -E '"requests":[0-9]+' "$work/body")"

    # --- POST /__sandbox/reset, as DELETE /__sandbox/state -----------------------------------
    reset_round() { # reset_round METHOD PATH
        local id
        id=$(curl -sS -H "$token" -H 'X-Idempotency-Key: reset-round' -X POST \
            -d '{"email":"reset_round@testuser.com"}' "$url/v1/customers" |
            sed -n 's/^{"id":"\([^"]*\)".*/\1/p; s/.*[{,]"id":"\([^"]*\)".*/\1/p' | head -1)
        check "a customer is created before $1 $2" test -n "$id"
        code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$token" "$url/v1/customers/$id")
        check "... and can be read (got $code)" test "$code" = 200
        code=$(curl -sS -o "$work/body" -w '%{http_code}' -X "$1" "$url$2")
        check "$1 $2 answers 200 without credentials (got $code)" test "$code" = 200
        code=$(curl -sS -o /dev/null -w '%{http_code}' -H "$token" "$url/v1/customers/$id")
        check "... after which the customer is gone (got $code)" test "$code" = 404
    }
    reset_round POST /__sandbox/reset
    reset_round DELETE /__sandbox/state
    stop_with TERM
else
    fail "mp-sandbox --port 0 starts (health, reset)"
fi

# --- --host: every interface, IPv6, a concrete address --------------------------------------
if start --host 0.0.0.0 --port 0 --tls --ca-out "$ca"; then
    check "--host 0.0.0.0 prints https://127.0.0.1:PORT" \
        grep -Eq '^mp-sandbox listening on https://127\.0\.0\.1:[0-9]+$' "$work/stdout"
    port=${url##*:}
    code=$(curl -sS --cacert "$ca" -o /dev/null -w '%{http_code}' "$url/__sandbox/health")
    check "--host 0.0.0.0: the printed URL verifies with the CA (got $code)" test "$code" = 200
    # 127.0.0.2 is another local address: a server bound to 127.0.0.1 only would not answer it.
    code=$(curl -sS --resolve "localhost:$port:127.0.0.2" --cacert "$ca" -o /dev/null \
        -w '%{http_code}' "https://localhost:$port/__sandbox/health")
    check "--host 0.0.0.0 also answers on 127.0.0.2 (got $code)" test "$code" = 200
    stop_with TERM
else
    fail "mp-sandbox --host 0.0.0.0 --tls starts"
fi
if start --host :: --port 0 --tls --ca-out "$ca"; then
    check "--host :: prints https://[::1]:PORT" \
        grep -Eq '^mp-sandbox listening on https://\[::1\]:[0-9]+$' "$work/stdout"
    code=$(curl -sS --cacert "$ca" -o /dev/null -w '%{http_code}' "$url/__sandbox/health")
    check "--host ::: the printed URL verifies with the CA (got $code)" test "$code" = 200
    stop_with TERM
else
    fail "mp-sandbox --host :: --tls starts"
fi
if start --host 127.0.0.2 --port 0 --tls --ca-out "$ca"; then
    code=$(curl -sS --cacert "$ca" -o /dev/null -w '%{http_code}' "$url/__sandbox/health")
    check "--host 127.0.0.2: the certificate names it, $url verifies (got $code)" \
        test "$code" = 200
    stop_with TERM
else
    fail "mp-sandbox --host 127.0.0.2 --tls starts"
fi

# --- --tls-name -------------------------------------------------------------------------------
# Verified HTTPS by name, the name resolved to 127.0.0.1 by curl itself (--resolve).
by_name() { # by_name NAME: the HTTP status of the health route at https://NAME:$port
    curl -sS --resolve "$1:$port:127.0.0.1" --cacert "$ca" -o /dev/null -w '%{http_code}' \
        "https://$1:$port/__sandbox/health" 2>/dev/null
}
if start --port 0 --tls --tls-name mp-sandbox --tls-name api.mercadopago.com \
    --tls-name 10.11.12.13 --ca-out "$ca"; then
    port=${url##*:}
    check "--tls-name mp-sandbox: https://mp-sandbox:PORT verifies" test "$(by_name mp-sandbox)" = 200
    check "--tls-name is repeatable: api.mercadopago.com verifies too" \
        test "$(by_name api.mercadopago.com)" = 200
    by_name other-name >/dev/null
    check "a name not asked for is refused (curl exit 60)" test $? -eq 60
    openssl s_client -connect "127.0.0.1:$port" </dev/null 2>/dev/null |
        openssl x509 -noout -ext subjectAltName >"$work/san" 2>/dev/null
    check "an IP address becomes an IP subjectAltName (10.11.12.13)" \
        grep -q 'IP Address:10.11.12.13' "$work/san"
    check "127.0.0.1, ::1 and localhost stay in the certificate" \
        grep -q 'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost' "$work/san"
    stop_with TERM
else
    fail "mp-sandbox --tls --tls-name ... starts"
fi

# --- --ca-cert/--ca-key: one CA across restarts -----------------------------------------------
stable=$work/stable
mkdir -p "$stable"
first_ca=$work/first-ca.pem
for round in 1 2 3; do
    if start --port 0 --tls --tls-name mp-sandbox --ca-cert "$stable/ca.pem" \
        --ca-key "$stable/ca.key"; then
        port=${url##*:}
        if [ "$round" = 1 ]; then
            check "start 1 writes the CA certificate and key" \
                test -s "$stable/ca.pem" -a -s "$stable/ca.key"
            check "the key is owner-only (mode $(stat -c %a "$stable/ca.key"))" \
                test "$(stat -c %a "$stable/ca.key")" = 600
            check "the files hold a certificate and a private key" \
                test -n "$(grep -e 'BEGIN CERTIFICATE' "$stable/ca.pem")" -a \
                -n "$(grep -e 'BEGIN PRIVATE KEY' "$stable/ca.key")"
            cp "$stable/ca.pem" "$first_ca"
            cp "$stable/ca.key" "$work/first-ca.key"
        else
            check "start $round leaves both files as they were" \
                test "$(cat "$stable/ca.pem" "$stable/ca.key")" = \
                "$(cat "$first_ca" "$work/first-ca.key")"
        fi
        code=$(curl -sS --resolve "mp-sandbox:$port:127.0.0.1" --cacert "$first_ca" -o /dev/null \
            -w '%{http_code}' "https://mp-sandbox:$port/__sandbox/health")
        check "start $round: the first start's CA verifies https://mp-sandbox:PORT (got $code)" \
            test "$code" = 200
        stop_with TERM
    else
        fail "start $round with --ca-cert/--ca-key"
    fi
done

# Bad CA files: exit 1, a message naming the file, nothing on stdout.
start_fails() { # start_fails "description" PATTERN args...
    local what=$1 pattern=$2
    shift 2
    "$bin" --port 0 --tls "$@" >"$work/stdout" 2>"$work/stderr"
    local status=$?
    check "$what: exits 1 (got $status)" test "$status" -eq 1
    check "$what: says '$pattern' on stderr, nothing on stdout" \
        test -n "$(grep -- "$pattern" "$work/stderr")" -a ! -s "$work/stdout"
}
mkdir -p "$work/only" "$work/other"
cp "$first_ca" "$work/only/ca.pem"
start_fails "the certificate without its key" "exists but" \
    --ca-cert "$work/only/ca.pem" --ca-key "$work/only/ca.key"
start --port 0 --tls --ca-cert "$work/other/ca.pem" --ca-key "$work/other/ca.key" &&
    stop_with TERM
start_fails "another CA's key" "does not belong" \
    --ca-cert "$first_ca" --ca-key "$work/other/ca.key"
echo "not a certificate" >"$work/garbage.pem"
start_fails "a file that is not PEM" "not a PEM certificate" \
    --ca-cert "$work/garbage.pem" --ca-key "$work/first-ca.key"
check "the CA key never appears in messages" \
    test -z "$(grep -F "$(sed -n 2p "$work/first-ca.key")" "$work/stderr")"

# --- MP_SANDBOX_* variables, and the command line over them -----------------------------------
start --port 0 && { free_port=${url##*:}; stop_with TERM; }
if MP_SANDBOX_HOST=0.0.0.0 MP_SANDBOX_PORT=$free_port MP_SANDBOX_TLS=1 \
    MP_SANDBOX_TLS_NAME="mp-sandbox, api.mercadopago.com" MP_SANDBOX_CA_CERT=$stable/ca.pem \
    MP_SANDBOX_CA_KEY=$stable/ca.key MP_SANDBOX_CA_OUT=$work/env-ca.pem \
    MP_SANDBOX_WEBHOOK_SECRET=whsec-env start; then
    port=${url##*:}
    check "MP_SANDBOX_PORT and MP_SANDBOX_TLS: https on port $free_port" \
        test "$url" = "https://127.0.0.1:$free_port"
    ca=$first_ca
    check "MP_SANDBOX_TLS_NAME (a list) and MP_SANDBOX_CA_CERT/KEY: both names verify with the kept CA" \
        test "$(by_name mp-sandbox)" = 200 -a "$(by_name api.mercadopago.com)" = 200
    code=$(curl -sS --resolve "localhost:$port:127.0.0.2" --cacert "$ca" -o /dev/null \
        -w '%{http_code}' "https://localhost:$port/__sandbox/health")
    check "MP_SANDBOX_HOST=0.0.0.0 answers on 127.0.0.2 (got $code)" test "$code" = 200
    check "MP_SANDBOX_CA_OUT writes the CA" cmp -s "$work/env-ca.pem" "$first_ca"
    # MP_SANDBOX_WEBHOOK_SECRET: a payment's webhook arrives signed with that secret.
    cat >"$work/receiver.py" <<'PY'
import hashlib, hmac, http.server, sys, urllib.parse
out, secret = sys.argv[1], sys.argv[2].encode()
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        parts = dict(p.split("=", 1) for p in (self.headers.get("X-Signature") or "").split(",") if "=" in p)
        manifest = "id:%s;request-id:%s;ts:%s;" % (query.get("data.id", [""])[0],
                                                   self.headers.get("X-Request-Id"), parts.get("ts"))
        good = hmac.new(secret, manifest.encode(), hashlib.sha256).hexdigest()
        with open(out, "a") as f:
            f.write("valid\n" if hmac.compare_digest(good, parts.get("v1", "")) else "invalid\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
    python3 "$work/receiver.py" "$work/hooks" whsec-env >"$work/receiver.port" &
    receiver=$!
    for _ in $(seq 1 100); do [ -s "$work/receiver.port" ] && break; sleep 0.05; done
    card=$(curl -sS --cacert "$ca" -H "$token" -H 'Content-Type: application/json' \
        -d '{"card_number":"5031433215406351","expiration_month":11,"expiration_year":2030,"security_code":"123","cardholder":{"name":"APRO","identification":{"type":"CPF","number":"12345678909"}}}' \
        "$url/v1/card_tokens" | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
    code=$(curl -sS --cacert "$ca" -H "$token" -H 'X-Idempotency-Key: env-hook' -o /dev/null \
        -w '%{http_code}' -H 'Content-Type: application/json' -d "{\"transaction_amount\":10,\"token\":\"$card\",\"installments\":1,\"payment_method_id\":\"master\",\"payer\":{\"email\":\"test_user_1@testuser.com\"},\"notification_url\":\"http://127.0.0.1:$(cat "$work/receiver.port")/hook\"}" \
        "$url/v1/payments")
    check "a payment with a loopback notification_url is created (got $code)" test "$code" = 201
    for _ in $(seq 1 200); do [ -s "$work/hooks" ] && break; sleep 0.05; done
    check "MP_SANDBOX_WEBHOOK_SECRET signs its webhook (x-signature verifies with that secret)" \
        test "$(head -1 "$work/hooks" 2>/dev/null)" = valid
    kill "$receiver" 2>/dev/null
    wait "$receiver" 2>/dev/null
    stop_with TERM
else
    fail "mp-sandbox starts from MP_SANDBOX_* variables alone"
fi
ca=$work/ca.pem
if MP_SANDBOX_HOST=192.0.2.1 MP_SANDBOX_PORT=bogus MP_SANDBOX_TLS_NAME=env-name \
    start --host 127.0.0.1 --port 0 --tls --tls-name cli-name --ca-out "$ca"; then
    port=${url##*:}
    check "the command line wins over MP_SANDBOX_HOST and MP_SANDBOX_PORT, even invalid ones" \
        grep -Eq '^mp-sandbox listening on https://127\.0\.0\.1:[0-9]+$' "$work/stdout"
    check "--tls-name replaces MP_SANDBOX_TLS_NAME: cli-name verifies" \
        test "$(by_name cli-name)" = 200
    by_name env-name >/dev/null
    check "... and env-name does not (curl exit 60)" test $? -eq 60
    stop_with TERM
else
    fail "mp-sandbox starts with variables overridden on the command line"
fi
for assignment in MP_SANDBOX_PORT=abc MP_SANDBOX_TLS=maybe "MP_SANDBOX_TLS_NAME=bad name" \
    MP_SANDBOX_CA_OUT=$work/x.pem; do
    # timeout: a sandbox that wrongly starts must not hang the test (it then fails, 124).
    timeout 20 env "$assignment" "$bin" >"$work/stdout" 2>"$work/stderr"
    status=$?
    check "'$assignment mp-sandbox' exits 2 (got $status)" test "$status" -eq 2
    check "... naming ${assignment%%=*} or the option on stderr" \
        test -n "$(grep -e "${assignment%%=*}" -e "--" "$work/stderr")" -a ! -s "$work/stdout"
done
# --keep-alive: an idle connection is closed after that long (curl reuses it before, not after).
if start --port 0 --keep-alive 1; then
    reuse=$(curl -sS -o /dev/null -o /dev/null -w '%{num_connects}\n' "$url/__sandbox/health" \
        "$url/__sandbox/health" | tr '\n' ' ')
    check "--keep-alive 1: two requests at once share a connection (got connects: $reuse)" \
        test "$reuse" = "1 0 "
    # One request on a raw connection, then 2.5 s idle: the server has closed it (recv gives b"").
    idle=$(python3 - "$url" <<'PY'
import socket, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
c = socket.create_connection((u.hostname, u.port))
c.sendall(b"GET /__sandbox/health HTTP/1.1\r\nHost: x\r\n\r\n")
time.sleep(0.3)
c.recv(65536)
time.sleep(2.5)
c.setblocking(False)
try:
    print("closed" if c.recv(1) == b"" else "data")
except BlockingIOError:
    print("open")
PY
)
    check "--keep-alive 1: an idle connection is closed within 2.5 s (got $idle)" test "$idle" = closed
    stop_with TERM
else
    fail "mp-sandbox starts with --keep-alive 1"
fi
# --threads 8: 8 open connections take every thread; a 9th waits until one closes.
if start --port 0 --threads 8 --keep-alive 60; then
    held=$(python3 - "$url" <<'PY'
import socket, subprocess, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
socks = []
for _ in range(8):
    c = socket.create_connection((u.hostname, u.port))
    c.sendall(b"GET /__sandbox/health HTTP/1.1\r\nHost: x\r\n\r\n")
    c.recv(65536)  # answered, and kept open (keep-alive)
    socks.append(c)
def ninth():
    return subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "1.5",
                           sys.argv[1] + "/__sandbox/health"], capture_output=True).returncode
waiting = ninth()
for c in socks:
    c.close()
time.sleep(0.3)
print(waiting, ninth())
PY
)
    check "--threads 8: a 9th connection waits while 8 are open, then is served (curl: $held)" \
        test "$held" = "28 0"
    stop_with TERM
else
    fail "mp-sandbox starts with --threads 8"
fi
MP_SANDBOX_TLS= MP_SANDBOX_PORT= start --port 0 && {
    check "empty variables count as unset (plain HTTP)" grep -q 'listening on http://' "$work/stdout"
    stop_with TERM
}

# --- bad arguments ------------------------------------------------------------------------------
for args in "--bogus" "--port" "--port abc" "--port 70000" "--port -1" "--ca-out $ca" "extra" \
    "--tls-name mp-sandbox" "--tls --tls-name bad,name" "--tls --tls-name" \
    "--ca-cert $work/a.pem --ca-key $work/a.key" "--tls --ca-cert $work/a.pem" \
    "--tls --ca-key $work/a.key" "--tls --ca-cert $work/a.pem --ca-key $work/a.pem" \
    "--tls=1" "--version=2" "--keep-alive 0" "--keep-alive 3601" "--keep-alive x" "--threads 7" "--threads 5000"; do
    # shellcheck disable=SC2086 # word splitting of $args is intended
    "$bin" $args >"$work/stdout" 2>"$work/stderr"
    status=$?
    check "'mp-sandbox $args' exits 2 (got $status)" test "$status" -eq 2
    check "'mp-sandbox $args' explains on stderr, prints nothing on stdout" \
        test -s "$work/stderr" -a ! -s "$work/stdout"
done

"$bin" --help >"$work/stdout" 2>&1
check "--help exits 0 and prints the usage" grep -q '^usage: mp-sandbox' "$work/stdout"
for word in --host --port --tls --tls-name --ca-cert --ca-key --ca-out --webhook-secret --keep-alive --threads --version \
    MP_SANDBOX_HOST MP_SANDBOX_PORT MP_SANDBOX_TLS MP_SANDBOX_TLS_NAME MP_SANDBOX_CA_CERT \
    MP_SANDBOX_CA_KEY MP_SANDBOX_CA_OUT MP_SANDBOX_WEBHOOK_SECRET /__sandbox/health \
    /__sandbox/reset /__sandbox/state /__sandbox/faults 0.0.0.0; do
    check "--help documents $word" grep -q -- "$word" "$work/stdout"
done
MP_SANDBOX_PORT=abc "$bin" --help >/dev/null 2>&1
check "--help works whatever the variables say" test $? -eq 0

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
