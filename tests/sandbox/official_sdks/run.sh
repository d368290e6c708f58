#!/usr/bin/env bash
# The official SDKs, unmodified, pay against mp-sandbox (sandbox/README.md, "The official SDKs").
#   run.sh python MP_SANDBOX CACHE_DIR PYTHON3   mercadopago 3.6.0 (PyPI), in a venv in CACHE_DIR
#   run.sh java   MP_SANDBOX CACHE_DIR           com.mercadopago:sdk-java 3.2.1, built with Maven
#                                                into CACHE_DIR
# Two runs each:
#  1. the SDK's own seam (Python: SDK(token, http_client=...); Java:
#     MercadoPagoConfig.setHttpClient) against a sandbox on a free port: the README's snippets;
#  2. the SDK as shipped, which hard-codes https://api.mercadopago.com: in private network and
#     mount namespaces (netns.sh) where that name resolves to 127.0.0.1 through a hosts file,
#     mp-sandbox listens on 127.0.0.1:443 with --tls-name api.mercadopago.com and a CA kept in
#     files, and the runtime trusts that CA (Python: REQUESTS_CA_BUNDLE; Java: a PKCS#12 trust
#     store made with keytool, -Djavax.net.ssl.trustStore). The namespace has no other network:
#     every request can only reach the sandbox, and its request count says they did.
# A missing tool fails the test. The SDKs are installed before entering the namespaces (and
# kept in CACHE_DIR for the next run).
set -u

lang=${1:?usage: run.sh python|java MP_SANDBOX CACHE_DIR [PYTHON3]}
bin=${2:?usage: run.sh python|java MP_SANDBOX CACHE_DIR [PYTHON3]}
cache=${3:?usage: run.sh python|java MP_SANDBOX CACHE_DIR [PYTHON3]}
python=${4:-python3}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../netns.sh
. "$here/../netns.sh"

failures=0
pass() { printf 'ok   %s\n' "$1"; }
fail() {
    printf 'FAIL %s\n' "$1"
    failures=$((failures + 1))
}

venv=$cache/python-venv
java_out=$cache/java

# Starts mp-sandbox with these arguments, logging to $work/sandbox.out; sets sandbox_pid and url.

# The official SDK's program: runs it with these extra arguments (after the environment
# assignments and JVM options in "$@" up to "--").
run_sdk() { # run_sdk [ENV=VALUE...] [JVM options...] -- [program arguments...]
    local envs=() jvm=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in
        -*) jvm+=("$1") ;;
        *) envs+=("$1") ;;
        esac
        shift
    done
    shift
    if [ "$lang" = python ]; then
        env "${envs[@]}" "$venv/bin/python" "$here/python/payment.py" "$@"
    else
        env "${envs[@]}" java "${jvm[@]}" -cp "$java_out/classes:$(cat "$java_out/classpath.txt")" \
            sandboxtest.OfficialSdkPayment "$@"
    fi
}

# ---- inside the namespaces: the SDK as shipped, to https://api.mercadopago.com --------------
if [ "${MP_OFFICIAL_SDK_INSIDE:-}" = 1 ]; then
    work=$MP_OFFICIAL_SDK_WORK
    trap stop_sandbox EXIT
    private_hosts "$work/hosts" "127.0.0.1 api.mercadopago.com" ||
        { echo "FAIL cannot set up the private hosts file"; exit 1; }
    resolved=$(getent hosts api.mercadopago.com | awk '{print $1}')
    if [ "$resolved" = 127.0.0.1 ]; then pass "api.mercadopago.com resolves to 127.0.0.1 in here"
    else fail "api.mercadopago.com resolves to 127.0.0.1 in here (got '$resolved')"; fi

    start_sandbox --host 127.0.0.1 --port 443 --tls --tls-name api.mercadopago.com \
        --ca-cert "$work/ca.pem" --ca-key "$work/ca.key" || exit 1
    if [ "$lang" = python ]; then
        # First without the sandbox's CA: the SDK must refuse the certificate (verification on).
        if env -u REQUESTS_CA_BUNDLE "$venv/bin/python" -c '
import sys, mercadopago, requests
try:
    mercadopago.SDK(sys.argv[1]).payment().get(1)
except requests.exceptions.SSLError:
    sys.exit(0)
sys.exit(1)' "TEST-FAKE-ACCESS-TOKEN-FOR-TESTS-1234567" 2>/dev/null
        then pass "without the CA in its trust store the SDK refuses the sandbox's certificate"
        else fail "without the CA in its trust store the SDK refuses the sandbox's certificate"; fi
        run_sdk "REQUESTS_CA_BUNDLE=$work/ca.pem" --
    else
        rm -f "$work/truststore.p12"
        keytool -importcert -noprompt -alias mp-sandbox -file "$work/ca.pem" -storetype PKCS12 \
            -keystore "$work/truststore.p12" -storepass changeit >/dev/null 2>&1 ||
            { echo "FAIL keytool could not import the CA"; exit 1; }
        run_sdk "-Djavax.net.ssl.trustStore=$work/truststore.p12" \
            -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12 --
    fi
    status=$?
    if [ $status -eq 0 ]; then pass "the SDK as shipped paid, read and refunded through the sandbox"
    else fail "the SDK as shipped paid, read and refunded through the sandbox (exit $status)"; fi
    served=$(curl -sS --cacert "$work/ca.pem" https://api.mercadopago.com/__sandbox/health |
        sed -n 's/.*"requests":\([0-9]*\).*/\1/p')
    if [ "${served:-0}" -ge 5 ]; then pass "the sandbox served the SDK's requests ($served)"
    else fail "the sandbox served the SDK's requests (got '${served:-none}')"; fi
    exit $((failures != 0))
fi

# ---- outside: tools, the SDK installed and cached, the seam, then the namespaces -------------
require_tools unshare ip mount getent curl
if [ "$lang" = python ]; then
    require_tools "$python"
elif [ "$lang" = java ]; then
    require_tools java mvn keytool
else
    echo "unknown SDK '$lang' (python or java)" >&2
    exit 2
fi
mkdir -p "$cache"
work=$(mktemp -d)
trap 'stop_sandbox; rm -rf "$work"' EXIT

if [ "$lang" = python ]; then
    if ! "$venv/bin/python" -c 'import mercadopago.config.config as c, sys
sys.exit(c.Config().version != "3.6.0")' 2>/dev/null; then
        rm -rf "$venv"
        "$python" -m venv "$venv" && "$venv/bin/python" -m pip install -q mercadopago==3.6.0 ||
            { echo "FAIL cannot install mercadopago 3.6.0 into $venv"; exit 1; }
    fi
else
    (cd "$here/java" && mvn -B -q -Dstyle.color=never -Dmp.build.dir="$java_out" package dependency:build-classpath \
        -Dmdep.outputFile="$java_out/classpath.txt") ||
        { echo "FAIL cannot build the sdk-java program into $java_out"; exit 1; }
fi

# 1. The SDK's seam, against a sandbox on a free port (the README's snippet).
if start_sandbox --port 0 --tls --ca-out "$work/seam-ca.pem"; then
    if run_sdk -- --url "$url" --ca "$work/seam-ca.pem"; then pass "the SDK's seam, pointed at $url"
    else fail "the SDK's seam, pointed at $url"; fi
    stop_sandbox
else
    fail "mp-sandbox starts for the seam run"
fi

# 2. The SDK as shipped, in the namespaces (this script again, inside).
MP_OFFICIAL_SDK_INSIDE=1 MP_OFFICIAL_SDK_WORK=$work in_private_net bash "$0" "$@"
status=$?
if [ $status -eq 0 ]; then pass "the SDK as shipped, to https://api.mercadopago.com in a private namespace"
else fail "the SDK as shipped, to https://api.mercadopago.com in a private namespace (exit $status)"; fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
