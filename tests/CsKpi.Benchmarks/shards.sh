#!/usr/bin/env bash
# Issue 19: two shards' ingest + recompute with one job server against two (docs/benchmarks.md, "Issue 19: shards").
#   tests/CsKpi.Benchmarks/shards.sh INBOX_A INBOX_B [ROUNDS]
# INBOX_A and INBOX_B hold one store's exports each (seed tool output; see benchmarks.md). Needs CSKPI_BENCH_POSTGRES
# (a connection string of a server where it may create databases) and a built cskpi (dotnet build jobs/CsKpi.Cli).
# Each run starts from empty shard warehouses (created and migrated beforehand, not timed) and a fresh jobs database,
# starts the servers with --ingest-now, and times until both shards' ingest jobs are done (ingest + recompute) and
# until both snapshots are written too. Configurations: one server with one worker (one shard after the other, as
# one site does today), one server with two workers, two servers with one shard each.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cskpi="$here/../../jobs/CsKpi.Cli/bin/Debug/net10.0/cskpi.dll"
inbox_a="$(realpath "$1")"; inbox_b="$(realpath "$2")"; rounds="${3:-1}"
: "${CSKPI_BENCH_POSTGRES:?set CSKPI_BENCH_POSTGRES to a PostgreSQL connection string (Host=…;Port=…;Username=…;Database=postgres)}"
work="$(mktemp -d)"
trap 'jobs -p | xargs -r kill 2>/dev/null || true; rm -rf "$work"' EXIT

pg() { psql "$(echo "$CSKPI_BENCH_POSTGRES" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/; s/Password=/password=/')" -qAtc "$1"; }

run() {
  local label="$1"; shift
  rm -rf "$work/a" "$work/b" "$work"/*.log
  mkdir -p "$work/a" "$work/b"
  cp -r "$inbox_a" "$work/a/inbox"; cp -r "$inbox_b" "$work/b/inbox"
  dotnet "$cskpi" info --warehouse "$work/a/cskpi.duckdb" >/dev/null
  dotnet "$cskpi" info --warehouse "$work/b/cskpi.duckdb" >/dev/null
  pg "drop database if exists cskpi_bench with (force)"; pg "create database cskpi_bench"
  local conn; conn="$(echo "$CSKPI_BENCH_POSTGRES" | sed 's/Database=[^;]*/Database=cskpi_bench/')"
  cat > "$work/appsettings.json" <<JSON
{ "ConnectionStrings": { "Jobs": "$conn" },
  "Jobs": { "Shards": { "a": { "Warehouse": "a/cskpi.duckdb" }, "b": { "Warehouse": "b/cskpi.duckdb" } } } }
JSON
  local start; start=$(date +%s.%N)
  local n=0 pids=()
  for args in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    dotnet "$cskpi" serve --config "$work/appsettings.json" --ingest-now --name "s$n" $args 2> "$work/s$n.log" &
    pids+=($!)
  done
  local ingested="" all=""
  while [ -z "$all" ]; do
    sleep 0.2
    local now; now=$(date +%s.%N)
    if [ -z "$ingested" ] && [ "$(cat "$work"/s*.log | grep -c 'new file(s)')" -ge 2 ]; then ingested=$(echo "$now - $start" | bc); fi
    if [ "$(cat "$work"/s*.log | grep -c 'rows written to')" -ge 2 ]; then all=$(echo "$now - $start" | bc); fi
    if [ "$(echo "$now - $start > 1800" | bc)" = 1 ]; then echo "$label: no result in 30 minutes" >&2; cat "$work"/s*.log >&2; exit 1; fi
  done
  kill -TERM "${pids[@]}"; wait "${pids[@]}" || true
  printf '%-28s ingest+recompute of both shards %6.1f s, with both snapshots %6.1f s\n' "$label" "$ingested" "$all"
}

for round in $(seq 1 "$rounds"); do
  run "one server, 1 worker" "--workers 1"
  run "one server, 2 workers" "--workers 2"
  run "two servers, 1 shard each" "--shard a" "--shard b"
done
