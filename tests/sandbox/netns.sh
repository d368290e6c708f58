# Sourced by the tests that need a host name to resolve to the sandbox without changing the
# machine: a private network namespace (only its own loopback) and a private mount namespace
# in which a hosts file of the test's is bind-mounted over /etc/hosts. Nothing leaves the
# namespaces; the machine's /etc/hosts and network are untouched.

# Fails (exit 1, not a skip) naming the first command that is missing.
require_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "FAIL the test needs '$tool' (scripts/bootstrap.sh installs it)" >&2
            exit 1
        fi
    done
}

# Runs a command in new network and mount namespaces: as root directly, otherwise in a user
# namespace of its own where the caller maps to root (unprivileged user namespaces).
in_private_net() {
    if [ "$(id -u)" -eq 0 ]; then
        unshare --net --mount --propagation private "$@"
    else
        unshare --user --map-root-user --net --mount --propagation private "$@"
    fi
}

# Inside in_private_net: brings loopback up and makes /etc/hosts the file written from the
# given "ADDRESS NAME" lines (plus localhost), in this mount namespace only.
private_hosts() {
    local file=$1
    shift
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"$file"
    printf '%s\n' "$@" >>"$file"
    ip link set lo up || return 1
    mount --bind "$file" /etc/hosts || return 1
}

# Starts "$bin" (the sourcing script's mp-sandbox) with the given arguments, its output in
# "$work"; sets sandbox_pid and url once it is listening.
start_sandbox() {
    "$bin" "$@" >"$work/sandbox.out" 2>"$work/sandbox.err" &
    sandbox_pid=$!
    url=""
    for _ in $(seq 1 200); do
        url=$(sed -n 's/^mp-sandbox listening on //p' "$work/sandbox.out")
        [ -n "$url" ] && return 0
        kill -0 "$sandbox_pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "mp-sandbox did not start: $(cat "$work/sandbox.err")" >&2
    return 1
}

stop_sandbox() {
    if [ -n "${sandbox_pid:-}" ]; then
        kill "$sandbox_pid" 2>/dev/null
        wait "$sandbox_pid" 2>/dev/null
        sandbox_pid=""
    fi
}
