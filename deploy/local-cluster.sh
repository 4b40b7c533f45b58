#!/usr/bin/env bash
# The local LiveClass cluster for development and tests: a store, and three silos serving the web
# app and the hub on http://127.0.0.1:5101, 5102 and 5103, clustered and storing through it.
# STORE=azure (the default) is Azurite, Microsoft's Azure Storage emulator, on 127.0.0.1:10000
# (blob), 10001 (queue) and 10002 (table) with its data in a folder; STORE=redis is a Redis on
# 127.0.0.1:6380 keeping its data in an append-only file. Use the same STORE for every command.
#
#   deploy/local-cluster.sh up        start the store and the three silos; returns once all are ready
#   deploy/local-cluster.sh kill N    hard-kill silo N (SIGKILL), as a crash would
#   deploy/local-cluster.sh start N   start silo N again
#   deploy/local-cluster.sh stop N    stop silo N gracefully (SIGTERM), as a rolling restart does
#   deploy/local-cluster.sh down      stop the silos (gracefully), then the store; the data stays
#   deploy/local-cluster.sh status    print each process's state
#   deploy/local-cluster.sh logs N    follow silo N's log
#   deploy/local-cluster.sh reset     down, then wipe the data: the next up starts empty
#
# Environment: STORE (azure or redis); LIVECLASS_CLUSTER_DIR (default: .local-cluster at the
# repository root) holds the store's data, pid files and logs; LIVECLASS_SERVER_DLL overrides the
# server dll; SKIP_WEB_APP=1 builds the server without the web app when the dll is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${LIVECLASS_CLUSTER_DIR:-$ROOT/.local-cluster}"
DLL="${LIVECLASS_SERVER_DLL:-$ROOT/src/LiveClass.Server/bin/Release/net10.0/LiveClass.Server.dll}"
STORE="${STORE:-azure}"
REDIS_PORT=6380
AZURITE_BLOB_PORT=10000 AZURITE_QUEUE_PORT=10001 AZURITE_TABLE_PORT=10002
AZURITE="$ROOT/tools/azurite/node_modules/.bin/azurite"
SILOS=(1 2 3)
[[ "$STORE" == azure || "$STORE" == redis ]] || { echo "STORE must be azure or redis, not '$STORE'" >&2; exit 2; }

http_port() { echo $((5100 + $1)); }
silo_port() { echo $((11200 + $1)); }   # clear of the single-silo default 11111
gateway_port() { echo $((30200 + $1)); }
pid_of() { cat "$DIR/run/$1.pid" 2>/dev/null || true; }

alive() { # alive NAME PATTERN: the pid file names a live process whose command line matches
  local pid; pid="$(pid_of "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}
silo_alive() { alive "silo$1" "LiveClass.Server.dll --urls http://127.0.0.1:$(http_port "$1")"; }
redis_alive() { alive redis "redis-server"; }
azurite_alive() { alive azurite "azurite"; }
ready() { curl -fsS --max-time 2 "http://127.0.0.1:$(http_port "$1")/readyz" >/dev/null 2>&1; }
# A silo just started: its pid may still be the shell that is about to become the server, so only
# whether that process lives tells.
silo_started() { local pid; pid="$(pid_of "silo$1")"; [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

check_silo_number() {
  [[ "${1:-}" =~ ^[123]$ ]] || { echo "silo number must be 1, 2 or 3" >&2; exit 2; }
}

ensure_built() {
  if [[ ! -f "$DLL" ]]; then
    echo "building the server (Release): $DLL is missing"
    local extra=()
    [[ "${SKIP_WEB_APP:-}" == 1 ]] && extra+=(-p:SkipWebApp=true)
    dotnet build "$ROOT/src/LiveClass.Server/LiveClass.Server.csproj" -c Release "${extra[@]}"
  fi
}

redis_up() {
  command -v redis-server >/dev/null || { echo "redis-server is not installed: apt-get install -y redis-server" >&2; exit 1; }
  if redis_alive; then return; fi
  mkdir -p "$DIR/redis" "$DIR/run" "$DIR/logs"
  # appendfsync always: a write is on disk before Redis answers it, so an acknowledged event
  # survives even a crash of Redis itself. (everysec would risk the last second.)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR/redis" \
    --appendonly yes --appendfsync always --save "" \
    --daemonize yes --pidfile "$DIR/run/redis.pid" --logfile "$DIR/logs/redis.log"
  for _ in $(seq 100); do
    [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] && return
    sleep 0.1
  done
  echo "Redis did not start; see $DIR/logs/redis.log" >&2; exit 1
}

azurite_up() {
  if azurite_alive; then return; fi
  if [[ ! -x "$AZURITE" ]]; then
    echo "installing Azurite (npm ci in tools/azurite)"
    (cd "$ROOT/tools/azurite" && npm ci --no-audit --no-fund >/dev/null)
  fi
  mkdir -p "$DIR/azurite" "$DIR/run" "$DIR/logs"
  # Its tables, blobs and metadata live in $DIR/azurite, so a restart of Azurite keeps every class.
  setsid nohup "$AZURITE" --location "$DIR/azurite" --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" >> "$DIR/logs/azurite.log" 2>&1 < /dev/null &
  echo $! > "$DIR/run/azurite.pid"
  for _ in $(seq 300); do
    if (: > "/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT") 2>/dev/null && (: > "/dev/tcp/127.0.0.1/$AZURITE_BLOB_PORT") 2>/dev/null; then return; fi
    azurite_alive || break
    sleep 0.1
  done
  echo "Azurite did not start; see $DIR/logs/azurite.log" >&2; exit 1
}

azurite_down() {
  azurite_alive || return 0
  local pid; pid="$(pid_of azurite)"
  # SIGTERM: Azurite saves its metadata before it exits.
  kill -TERM "$pid"
  for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$DIR/run/azurite.pid"
}

store_up() { if [[ "$STORE" == azure ]]; then azurite_up; else redis_up; fi; }
store_down() { if [[ "$STORE" == azure ]]; then azurite_down; else redis_down; fi; }

silo_start() {
  local n="$1"
  if silo_alive "$n"; then echo "silo $n is already running"; return; fi
  mkdir -p "$DIR/run" "$DIR/logs"
  echo "---- $(date -Is) starting silo $n" >> "$DIR/logs/silo$n.log"
  (
    cd "$(dirname "$DLL")"
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    if [[ "$STORE" == azure ]]; then
      # Azurite's well-known development account on its default ports.
      export Cluster__Clustering=AzureStorage Cluster__Storage=AzureStorage
      export Cluster__AzureStorage__ConnectionString="UseDevelopmentStorage=true"
    else
      export Cluster__Clustering=Redis Cluster__Storage=Redis Cluster__Redis="127.0.0.1:$REDIS_PORT"
    fi
    export Cluster__ClusterId=local Cluster__ServiceId=liveclass
    export Cluster__SiloPort="$(silo_port "$n")" Cluster__GatewayPort="$(gateway_port "$n")"
    export Observability__Prometheus=true
    # As in the Dockerfile: a shared array pool large enough for every connection's send buffer.
    export DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION=1024
    # As in the Dockerfile: a silo on one processor optimizes its code as soon as one on several does.
    export DOTNET_TC_DelaySingleProcMultiplier=1
    # Three silos and the store share this machine's cores. A thread-pool worker that runs out of
    # work yields the core a few dozen times before it sleeps, and the kernel counts that against
    # its process's fair share of a busy core: the yields take the core from another silo's work
    # or the store's. Here a worker sleeps at once; a silo with a processor of its own yields a few
    # times first (the Dockerfile).
    export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
    # Every client of a local cluster (browsers, the load generator) comes from one address.
    export Limits__ClassCreationsPerMinute="${Limits__ClassCreationsPerMinute:-1000000}"
    export Limits__ClassLookupsPerMinute="${Limits__ClassLookupsPerMinute:-1000000}"
    export Limits__JoinsPerMinute="${Limits__JoinsPerMinute:-1000000}"
    export Limits__MaxConnectionsPerAddress="${Limits__MaxConnectionsPerAddress:-1000000}"
    export Limits__HubConnectsPerMinute="${Limits__HubConnectsPerMinute:-1000000}"
    setsid nohup dotnet "$DLL" --urls "http://127.0.0.1:$(http_port "$n")" >> "$DIR/logs/silo$n.log" 2>&1 < /dev/null &
    echo $! > "$DIR/run/silo$n.pid"
  )
}

wait_ready() { # wait_ready N...: until every named silo answers /readyz
  local deadline=$((SECONDS + 120))
  for n in "$@"; do
    until ready "$n"; do
      if ! silo_started "$n"; then echo "silo $n exited; see $DIR/logs/silo$n.log" >&2; exit 1; fi
      if (( SECONDS > deadline )); then echo "silo $n is not ready after 120 s; see $DIR/logs/silo$n.log" >&2; exit 1; fi
      sleep 0.3
    done
    echo "silo $n ready on http://127.0.0.1:$(http_port "$n")"
  done
}

silo_stop() { # graceful: SIGTERM, SIGKILL after 30 s
  local n="$1" pid
  silo_alive "$n" || return 0
  pid="$(pid_of "silo$n")"
  kill -TERM "$pid"
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || { rm -f "$DIR/run/silo$n.pid"; return 0; }; sleep 0.1; done
  echo "silo $n did not stop within 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$DIR/run/silo$n.pid"
}

redis_down() {
  redis_alive || return 0
  local pid; pid="$(pid_of redis)"
  # SHUTDOWN flushes the append-only file before Redis exits.
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$DIR/run/redis.pid"
}

status() {
  if [[ "$STORE" == azure ]]; then
    if azurite_alive; then echo "azurite running (pid $(pid_of azurite)) on 127.0.0.1:$AZURITE_BLOB_PORT-$AZURITE_TABLE_PORT, data in $DIR/azurite"
    else echo "azurite stopped"; fi
  elif redis_alive; then echo "redis   running (pid $(pid_of redis)) on 127.0.0.1:$REDIS_PORT, data in $DIR/redis"
  else echo "redis   stopped"; fi
  for n in "${SILOS[@]}"; do
    local url="http://127.0.0.1:$(http_port "$n")"
    if silo_alive "$n"; then
      if ready "$n"; then echo "silo $n  ready   (pid $(pid_of "silo$n")) $url"
      else echo "silo $n  running, not ready (pid $(pid_of "silo$n")) $url"; fi
    else
      echo "silo $n  stopped $url"
    fi
  done
}

case "${1:-}" in
  up)
    ensure_built
    store_up
    for n in "${SILOS[@]}"; do silo_start "$n"; done
    wait_ready "${SILOS[@]}"
    ;;
  start)
    check_silo_number "${2:-}"; ensure_built; store_up; silo_start "$2"; wait_ready "$2" ;;
  stop)
    check_silo_number "${2:-}"; silo_stop "$2"; echo "silo $2 stopped" ;;
  kill)
    check_silo_number "${2:-}"
    if silo_alive "$2"; then kill -KILL "$(pid_of "silo$2")"; rm -f "$DIR/run/silo$2.pid"; echo "silo $2 killed"
    else echo "silo $2 is not running"; fi
    ;;
  down)
    for n in "${SILOS[@]}"; do silo_stop "$n" & done
    wait
    store_down
    echo "cluster down; data kept in $DIR/$([[ "$STORE" == azure ]] && echo azurite || echo redis)"
    ;;
  status) status ;;
  logs) check_silo_number "${2:-}"; tail -n 50 -f "$DIR/logs/silo$2.log" ;;
  reset)
    "$0" down
    rm -rf "$DIR/redis" "$DIR/azurite"
    echo "data wiped"
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
