#!/usr/bin/env bash
# The sandbox reached by a host name, as from another container (sandbox/README.md, "In a
# container"): in private network and mount namespaces (netns.sh) where "mp-sandbox" resolves to
# 127.0.0.1 through a hosts file only,
#  - mp-sandbox --host 0.0.0.0 --tls --tls-name mp-sandbox --ca-cert/--ca-key serves the whole
#    card checkout of examples/checkout (libmercadopago's C client) at https://mp-sandbox:8443,
#    verified with the CA file;
#  - the client refuses plain http://mp-sandbox:8080 (a non-loopback name: the token would go in
#    clear) before sending anything, although that sandbox answers curl there.
# Usage: container_test.sh /path/to/mp-sandbox /path/to/checkout
set -u

bin=${1:?usage: container_test.sh MP_SANDBOX CHECKOUT}
checkout=${2:?usage: container_test.sh MP_SANDBOX CHECKOUT}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=netns.sh
. "$here/netns.sh"

failures=0
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

requests_served() { # requests_served URL [curl options...]: the health route's request count
    local url=$1
    shift
    curl -sS "$@" "$url/__sandbox/health" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p'
}

if [ "${MP_CONTAINER_TEST_INSIDE:-}" = 1 ]; then
    work=$MP_CONTAINER_TEST_WORK
    trap stop_sandbox EXIT
    private_hosts "$work/hosts" "127.0.0.1 mp-sandbox" ||
        { echo "FAIL cannot set up the private hosts file"; exit 1; }
    token=TEST-container-token-1234567

    # HTTPS by name, with a CA kept in files (made on this first start).
    if start_sandbox --host 0.0.0.0 --port 8443 --tls --tls-name mp-sandbox \
        --ca-cert "$work/ca.pem" --ca-key "$work/ca.key"; then
        MP_BASE_URL=https://mp-sandbox:8443 MP_CA_FILE=$work/ca.pem MP_ACCESS_TOKEN=$token \
            "$checkout" >"$work/checkout.out" 2>&1
        status=$?
        check "the C client's checkout runs against https://mp-sandbox:8443 (exit $status)" \
            test $status -eq 0
        [ $status -eq 0 ] || cat "$work/checkout.out"
        MP_BASE_URL=https://mp-sandbox:8443 MP_ACCESS_TOKEN=$token \
            "$checkout" >"$work/checkout.out" 2>&1
        status=$?
        check "without the CA file the client refuses the certificate (exit $status)" \
            test $status -ne 0 -a -n "$(grep -i 'certificate' "$work/checkout.out")"
        stop_sandbox
    else
        fail "mp-sandbox --host 0.0.0.0 --port 8443 --tls --tls-name mp-sandbox starts"
    fi

    # Plain HTTP by name: the sandbox answers, the client does not send.
    if start_sandbox --host 0.0.0.0 --port 8080; then
        before=$(requests_served http://mp-sandbox:8080)
        check "plain http://mp-sandbox:8080 is reachable (curl reads its health)" test -n "$before"
        MP_BASE_URL=http://mp-sandbox:8080 MP_ACCESS_TOKEN=$token "$checkout" \
            >"$work/checkout.out" 2>&1
        status=$?
        check "the client refuses http://mp-sandbox:8080 (exit $status)" test $status -ne 0
        check "... saying plain http:// is for loopback only" \
            grep -q 'loopback' "$work/checkout.out"
        after=$(requests_served http://mp-sandbox:8080)
        check "... before sending anything (the sandbox served $before, then $after: curl's only)" \
            test -n "$after" -a "$after" = $((before + 1))
        stop_sandbox
    else
        fail "mp-sandbox --host 0.0.0.0 --port 8080 starts"
    fi
    exit $((failures != 0))
fi

require_tools unshare ip mount getent curl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
MP_CONTAINER_TEST_INSIDE=1 MP_CONTAINER_TEST_WORK=$work in_private_net bash "$0" "$@"
status=$?
if [ $status -ne 0 ]; then
    echo "some check(s) failed"
    exit 1
fi
echo "all checks passed"
