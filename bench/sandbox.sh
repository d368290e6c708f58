# Sourced by the bench scripts: starts and stops mp-sandbox pinned to $cpu.
# Needs $tmp (a scratch folder), $cpu and $sandbox (the program's path).
start_sandbox() { # start_sandbox [--tls --ca-out FILE]: prints the URL
  rm -f "$tmp/out"
  taskset -c "$cpu" "$sandbox" --port 0 "$@" >"$tmp/out" &
  echo $! >"$tmp/pid"
  for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.05; done
  sed -n 's/^mp-sandbox listening on //p' "$tmp/out"
}
stop_sandbox() { kill "$(cat "$tmp/pid")"; wait "$(cat "$tmp/pid")" 2>/dev/null || true; rm -f "$tmp/pid"; }
