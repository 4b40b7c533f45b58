#!/usr/bin/env bash
# Runs the build steps of deploy/Dockerfile without Docker, in the same order, into a scratch
# folder: the web app's npm ci and build (when web/ and npm are there), then dotnet restore and
# dotnet publish with the web app already built. Then it starts the published server as the image
# would (ASPNETCORE_ENVIRONMENT=Cluster), switched to Redis and pointed at a throwaway redis-server
# on loopback, and
# checks /healthz and /readyz. Docker cannot run on the development machines; this is what can be
# checked of the image without it.
#
#   deploy/image-build-steps.sh [OUT_DIR]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$(mktemp -d /tmp/liveclass-image.XXXXXX)}"
SRC="$OUT/src"
mkdir -p "$SRC"
echo "scratch folder: $OUT"

# The build context, as deploy/Dockerfile.dockerignore leaves it.
tar -C "$ROOT" --exclude='bin' --exclude='obj' --exclude='node_modules' --exclude='TestResults' \
  --exclude='test-results' --exclude='.git' --exclude='.local-cluster' --exclude='src/LiveClass.Server/wwwroot' \
  -cf - global.json Directory.Build.props Directory.Packages.props src $( [[ -d "$ROOT/web" ]] && echo web ) | tar -C "$SRC" -xf -

# Stage 1: the web app.
if [[ -f "$SRC/web/package.json" ]] && command -v npm >/dev/null; then
  (cd "$SRC/web" && npm ci --no-audit --no-fund && npm run build)
else
  echo "stage 1 skipped: no web/ or no npm here (the image always builds it)"
fi

# Stage 2: restore and publish.
dotnet restore "$SRC/src/LiveClass.Server/LiveClass.Server.csproj"
dotnet publish "$SRC/src/LiveClass.Server/LiveClass.Server.csproj" -c Release --no-restore -p:SkipWebApp=true -o "$OUT/app"

# Stage 3: run it as the image would, with loopback addresses instead of the compose network's.
command -v redis-server >/dev/null || { echo "redis-server is needed for the run check: apt-get install -y redis-server" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$OUT" --save "" --appendonly no --daemonize yes \
  --pidfile "$OUT/redis.pid" --logfile "$OUT/redis.log"
cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

(cd "$OUT/app" && ASPNETCORE_ENVIRONMENT=Cluster Cluster__Clustering=Redis Cluster__Storage=Redis \
  Cluster__Redis="127.0.0.1:$REDIS_PORT" Cluster__AdvertisedIPAddress=127.0.0.1 \
  Cluster__SiloPort="$(free_port)" Cluster__GatewayPort="$(free_port)" Urls="http://127.0.0.1:$HTTP_PORT" Shutdown__DrainDelay=00:00:00 \
  exec dotnet LiveClass.Server.dll > "$OUT/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log"; echo "the published server exited" >&2; exit 1; }
  sleep 0.3
done
curl -fsS "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null
curl -fsS "http://127.0.0.1:$HTTP_PORT/readyz" >/dev/null
curl -fsS "http://127.0.0.1:$HTTP_PORT/metrics" | grep -q '^liveclass_' || { echo "no LiveClass metrics at /metrics" >&2; exit 1; }
echo "image build steps ok: the published server joined a Redis cluster and is ready (http://127.0.0.1:$HTTP_PORT)"
