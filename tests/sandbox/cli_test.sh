#!/usr/bin/env bash
# The mp-sandbox program contract, checked for real against the built binary:
#   the single "listening on" line, HTTPS with the CA it writes, 401 without a token,
#   X-Request-Id, clean exit on SIGTERM/SIGINT, exit status 2 on bad arguments, and the
#   fault injection of /__sandbox/faults.
# Usage: cli_test.sh /path/to/mp-sandbox
set -u

bin=${1:?usage: cli_test.sh /path/to/mp-sandbox}
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

# --- bad arguments ------------------------------------------------------------------------------
for args in "--bogus" "--port" "--port abc" "--port 70000" "--port -1" "--ca-out $ca" "extra"; do
    # shellcheck disable=SC2086 # word splitting of $args is intended
    "$bin" $args >"$work/stdout" 2>"$work/stderr"
    status=$?
    check "'mp-sandbox $args' exits 2 (got $status)" test "$status" -eq 2
    check "'mp-sandbox $args' explains on stderr, prints nothing on stdout" \
        test -s "$work/stderr" -a ! -s "$work/stdout"
done

"$bin" --help >"$work/stdout" 2>&1
check "--help exits 0 and prints the usage" grep -q '^usage: mp-sandbox' "$work/stdout"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
