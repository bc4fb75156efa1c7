#!/usr/bin/env bash
# Load test of `bert4j serve` on loopback with wrk (Debian package `wrk`): throughput and p50/p99 latency of
# POST /embed at 1, 8 and 64 concurrent connections, on a short text and on a long one (truncated to the model's
# 256 tokens), then the same 64 connections against a server with --max-concurrent-requests 16 (above capacity:
# 429s expected, never a 5xx or a timeout). Prints one line per run and the server's peak resident memory.
# Usage: scripts/bench/server-load.sh [seconds per run (20)] [server threads (one per processor)]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}
threads=${2:-$(nproc)}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

short='{"inputs": "The quick brown fox jumps over the lazy dog near the river bank."}'
long_text=$(printf 'Embedding servers batch requests that arrive together and answer each client with its own vector. %.0s' $(seq 1 40))
printf '%s' "$short" >"$work/short.json"
printf '{"inputs": "%s"}' "$long_text" >"$work/long.json"

start_server() {   # $1: extra options; sets server_pid and port
  port=$(( 20000 + RANDOM % 20000 ))
  "$root/bert4j" serve -q --port "$port" --threads "$threads" $1 >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    grep -q "ready on" "$work/server.log" 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the server did not start" >&2; exit 1
}

stop_server() {
  echo "peak RSS of the server: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' /proc/$server_pid/status)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

run() {   # $1 label, $2 connections, $3 body file
  # warm up (JIT) before measuring
  BODY_FILE="$3" wrk -t1 -c"$2" -d3s --timeout 30s -s "$root/scripts/bench/server-load.lua" \
    "http://127.0.0.1:$port" >/dev/null
  local line
  line=$(BODY_FILE="$3" wrk -t$(( $2 < 4 ? $2 : 4 )) -c"$2" -d"${secs}s" --timeout 30s --latency \
    -s "$root/scripts/bench/server-load.lua" "http://127.0.0.1:$port" | grep '^RESULT')
  echo "$1 connections=$2 ${line#RESULT }"
}

echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(nproc), load before: $(cut -d' ' -f1-3 /proc/loadavg), server threads $threads"
start_server ""
for c in 1 8 64; do run short "$c" "$work/short.json"; done
for c in 1 8 64; do run long "$c" "$work/long.json"; done
stop_server
start_server "--max-concurrent-requests 16"
run "short, 16 slots" 64 "$work/short.json"
stop_server
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
