#!/usr/bin/env bash
# Issue 19: two shards' ingest + recompute with one job server against two (docs/benchmarks.md, "Issue 19: shards").
#   tests/CsKpi.Benchmarks/shards.sh INBOX_A INBOX_B [ROUNDS]
# INBOX_A and INBOX_B hold one store's exports each (seed tool output; see benchmarks.md). Needs CSKPI_BENCH_POSTGRES
# (a connection string of a server where it may create databases) and a built cskpi (dotnet build jobs/CsKpi.Cli).
# Each run starts from empty shard warehouses (created and migrated beforehand, not timed) and a fresh jobs database,
# starts the servers with --ingest-now, and times until both shards' ingest jobs are done (ingest + recompute) and
# until both snapshots are written too. Configurations: one server with one worker (one shard after the other, as
# one site does today), one server with two workers, two servers with one shard each.
# Optional:
#   CSKPI_BENCH_CONFIGS  which configurations, in order, comma-separated: 1worker, 2workers, 2servers
#                        (default: all three, in that order)
#   CSKPI_BENCH_LAKE=1   the shards share a Parquet lake (Lake:Path), written with each snapshot as in production
#   CSKPI_BENCH_KEEP=DIR keep each configuration's shard warehouses, lake and logs under DIR/<configuration>
#                        (else they are deleted); the lake-read timing (LakeScenario's "read" mode) reads them
#   CSKPI_BENCH_TIMEOUT  seconds a configuration may take before the script gives up (default 3600)
# Per configuration it prints the machine load (uptime) at start and end, each shard's time to its ingest job done
# and to its snapshot written, the peak resident memory (VmHWM) of each server process, and the servers' log lines
# of each ingest's stages (loading, recomputing) with their times.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cskpi="$here/../../jobs/CsKpi.Cli/bin/Debug/net10.0/cskpi.dll"
inbox_a="$(realpath "$1")"; inbox_b="$(realpath "$2")"; rounds="${3:-1}"
: "${CSKPI_BENCH_POSTGRES:?set CSKPI_BENCH_POSTGRES to a PostgreSQL connection string (Host=…;Port=…;Username=…;Database=postgres)}"
configs="${CSKPI_BENCH_CONFIGS:-1worker,2workers,2servers}"
timeout="${CSKPI_BENCH_TIMEOUT:-3600}"
keep="${CSKPI_BENCH_KEEP:-}"
if [ -n "$keep" ]; then mkdir -p "$keep"; keep="$(realpath "$keep")"; fi
work="$(mktemp -d)"
trap 'jobs -p | xargs -r kill 2>/dev/null || true; rm -rf "$work"' EXIT

pg() { psql "$(echo "$CSKPI_BENCH_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Password=/password=/')" -qAtc "$1"; }

# The peak resident memory of a process so far, in MB (0 once it has gone).
peak_mb() { awk '/^VmHWM:/ { printf "%.0f", $2 / 1024; found = 1 } END { if (!found) printf "0" }' "/proc/$1/status" 2>/dev/null || echo 0; }

run() {
  local label="$1" name="$2"; shift 2
  rm -rf "$work/a" "$work/b" "$work/lake" "$work"/*.log
  mkdir -p "$work/a" "$work/b"
  cp -r "$inbox_a" "$work/a/inbox"; cp -r "$inbox_b" "$work/b/inbox"
  dotnet "$cskpi" info --warehouse "$work/a/cskpi.duckdb" >/dev/null
  dotnet "$cskpi" info --warehouse "$work/b/cskpi.duckdb" >/dev/null
  pg "drop database if exists cskpi_bench with (force)"; pg "create database cskpi_bench"
  local conn; conn="$(echo "$CSKPI_BENCH_POSTGRES" | sed 's/Database=[^;]*/Database=cskpi_bench/')"
  local lake=""
  if [ "${CSKPI_BENCH_LAKE:-}" = 1 ]; then lake=', "Lake": { "Path": "lake" }'; fi
  cat > "$work/appsettings.json" <<JSON
{ "ConnectionStrings": { "Jobs": "$conn" },
  "Jobs": { "Shards": { "a": { "Warehouse": "a/cskpi.duckdb" }, "b": { "Warehouse": "b/cskpi.duckdb" } } }$lake }
JSON
  echo "$label: start $(date -u +%H:%M:%S) UTC, load:$(uptime | sed 's/.*load average://')"
  local start; start=$(date +%s.%N)
  local n=0 pids=()
  for args in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    dotnet "$cskpi" serve --config "$work/appsettings.json" --ingest-now --name "s$n" $args 2> "$work/s$n.log" &
    pids+=($!)
  done
  local ingested="" all="" ingest_a="" ingest_b="" snap_a="" snap_b="" peaks=()
  while [ -z "$all" ]; do
    sleep 0.2
    local now; now=$(date +%s.%N)
    # each shard's own lines: its inbox in the ingest job's result, its warehouse's folder in the snapshot's
    if [ -z "$ingest_a" ] && grep -q "/a/inbox: [0-9]* new file(s)" "$work"/s*.log; then ingest_a=$(echo "$now - $start" | bc); fi
    if [ -z "$ingest_b" ] && grep -q "/b/inbox: [0-9]* new file(s)" "$work"/s*.log; then ingest_b=$(echo "$now - $start" | bc); fi
    if [ -z "$snap_a" ] && grep -q "rows written to .*/a/analyst" "$work"/s*.log; then snap_a=$(echo "$now - $start" | bc); fi
    if [ -z "$snap_b" ] && grep -q "rows written to .*/b/analyst" "$work"/s*.log; then snap_b=$(echo "$now - $start" | bc); fi
    if [ -z "$ingested" ] && [ "$(cat "$work"/s*.log | grep -c 'new file(s)')" -ge 2 ]; then ingested=$(echo "$now - $start" | bc); fi
    if [ "$(cat "$work"/s*.log | grep -c 'rows written to')" -ge 2 ]; then all=$(echo "$now - $start" | bc); fi
    if [ "$(echo "$now - $start > $timeout" | bc)" = 1 ]; then echo "$label: no result in $timeout s" >&2; cat "$work"/s*.log >&2; exit 1; fi
  done
  for pid in "${pids[@]}"; do peaks+=("$(peak_mb "$pid") MB"); done
  kill -TERM "${pids[@]}"; wait "${pids[@]}" || true
  echo "$label: end $(date -u +%H:%M:%S) UTC, load:$(uptime | sed 's/.*load average://')"
  printf '%-28s ingest+recompute of both shards %6.1f s, with both snapshots %6.1f s\n' "$label" "$ingested" "$all"
  printf '%-28s shard a: ingest job done %6.1f s, snapshot %6.1f s; shard b: ingest job done %6.1f s, snapshot %6.1f s\n' \
    "" "$ingest_a" "$snap_a" "$ingest_b" "$snap_b"
  printf '%-28s peak resident memory (VmHWM) per server: %s\n' "" "${peaks[*]}"
  grep -H "ingest-inbox\|new file(s)\|rows written to" "$work"/s*.log | sed 's|^.*/\(s[0-9]*\)\.log:|\1 |' | sort -s -k2,2 | sed 's/^/    /'
  if [ -n "$keep" ]; then
    rm -rf "${keep:?}/$name"; mkdir -p "$keep/$name"
    rm -rf "$work/a/inbox" "$work/b/inbox"
    mv "$work/a" "$work/b" "$work"/*.log "$work/appsettings.json" "$keep/$name/"
    if [ -d "$work/lake" ]; then mv "$work/lake" "$keep/$name/"; fi
  fi
}

for round in $(seq 1 "$rounds"); do
  for config in ${configs//,/ }; do
    case "$config" in
      1worker) run "one server, 1 worker" "$config" "--workers 1" ;;
      2workers) run "one server, 2 workers" "$config" "--workers 2" ;;
      2servers) run "two servers, 1 shard each" "$config" "--shard a" "--shard b" ;;
      *) echo "unknown configuration '$config' (1worker, 2workers, 2servers)" >&2; exit 2 ;;
    esac
  done
done
