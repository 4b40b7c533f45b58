#!/usr/bin/env bash
# Checks what can be checked of deploy/ on a machine without Docker or Kubernetes:
#   - the shell scripts parse (bash -n);
#   - compose.yaml and every Kubernetes manifest parse as YAML, with the structure they need
#     (services, ports, Orleans' pod environment, probes on the endpoints the server serves);
#   - every path the Dockerfile copies exists;
#   - nginx.conf passes `nginx -t` (with the silos' names swapped for loopback), when nginx is installed;
#   - with --image: deploy/image-build-steps.sh, the image's build steps run as a script.
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DEPLOY")"

for script in "$DEPLOY"/*.sh; do bash -n "$script"; done
echo "ok  shell scripts parse"

python3 - "$DEPLOY" "$ROOT" <<'PY'
import pathlib, re, sys
import yaml

deploy, root = map(pathlib.Path, sys.argv[1:3])

def fail(message):
    sys.exit(f"FAIL {message}")

def check_compose(name, store, env_check):
    compose = yaml.safe_load((deploy / name).read_text())
    services = compose["services"]
    for service in [store, "silo1", "silo2", "silo3", "lb"]:
        if service not in services:
            fail(f"{name} has no service {service}")
    for n in (1, 2, 3):
        silo = services[f"silo{n}"]
        env = silo["environment"]
        if env.get("ASPNETCORE_ENVIRONMENT") != "Cluster" or not env_check(env):
            fail(f"{name}: silo{n} is not configured for the {store} cluster")
        if silo["build"]["dockerfile"] != "deploy/Dockerfile":
            fail(f"{name}: silo{n} does not build deploy/Dockerfile")
    if not any(str(p).endswith(":80") for p in services["lb"]["ports"]):
        fail(f"{name}: the load balancer publishes no port")
    return services

services = check_compose("compose.yaml", "azurite", lambda env: env.get("Cluster__Clustering") == "AzureStorage"
    and env.get("Cluster__Storage") == "AzureStorage"
    and "TableEndpoint=http://azurite:10002/" in env.get("Cluster__AzureStorage__ConnectionString", ""))
if "/data" not in services["azurite"]["command"]:
    fail("compose's Azurite keeps no data folder")
print("ok  compose.yaml: azurite, three silos on Azure Storage, load balancer")
services = check_compose("compose.redis.yaml", "redis", lambda env: env.get("Cluster__Clustering") == "Redis"
    and env.get("Cluster__Redis", "").startswith("redis:"))
if "--appendonly" not in services["redis"]["command"]:
    fail("compose.redis.yaml's Redis keeps no append-only file")
print("ok  compose.redis.yaml: redis, three silos on Redis, load balancer")

docs = []
for path in sorted((deploy / "kubernetes").rglob("*.yaml")):
    for doc in yaml.safe_load_all(path.read_text()):
        if doc is None:
            continue
        for key in ("apiVersion", "kind"):
            if key not in doc:
                fail(f"{path.name}: a document has no {key}")
        if doc["kind"] != "Kustomization" and not doc.get("metadata", {}).get("name"):
            fail(f"{path.name}: a {doc['kind']} has no name")
        docs.append((path.name, doc))
kinds = {(d["kind"], d.get("metadata", {}).get("name")) for _, d in docs}
for needed in [("Deployment", "liveclass"), ("Service", "liveclass"), ("Service", "redis"), ("StatefulSet", "redis"),
               ("Role", "orleans-hosting"), ("RoleBinding", "liveclass-orleans-hosting"), ("ServiceAccount", "liveclass"),
               ("PodDisruptionBudget", "liveclass"), ("Ingress", "liveclass")]:
    if needed not in kinds:
        fail(f"kubernetes/: no {needed[0]} {needed[1]}")
deployment = next(d for _, d in docs if d["kind"] == "Deployment")
pod = deployment["spec"]["template"]
labels = pod["metadata"]["labels"]
if not {"orleans/serviceId", "orleans/clusterId"} <= labels.keys():
    fail("the silo pods lack the orleans/serviceId and orleans/clusterId labels")
container = pod["spec"]["containers"][0]
env = {e["name"]: e for e in container["env"]}
for name in ["ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID", "POD_NAMESPACE", "POD_NAME", "POD_IP", "Cluster__AzureStorage__ConnectionString"]:
    if name not in env:
        fail(f"the silo container lacks {name}")
if env["Cluster__Kubernetes"]["value"] != "true":
    fail("the silo does not turn on Microsoft.Orleans.Hosting.Kubernetes")
ports = {p["name"] for p in container["ports"]}
if container["readinessProbe"]["httpGet"]["path"] != "/readyz" or container["livenessProbe"]["httpGet"]["path"] != "/healthz":
    fail("probes do not use /readyz and /healthz")
for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
    if container[probe]["httpGet"]["port"] not in ports:
        fail(f"{probe} names an unknown port")
if env["Cluster__Clustering"]["value"] != "AzureStorage" or env["Cluster__AzureStorage__ConnectionString"]["valueFrom"]["secretKeyRef"]["name"] != "liveclass-storage":
    fail("the silos are not configured for Azure Storage from the liveclass-storage secret")
for folder in ("kubernetes", "kubernetes/redis"):
    kustomization = yaml.safe_load((deploy / folder / "kustomization.yaml").read_text())
    for resource in kustomization["resources"]:
        if not (deploy / folder / resource).exists():
            fail(f"{folder}/kustomization names a missing {resource}")
redis_patch = yaml.safe_load(yaml.safe_load((deploy / "kubernetes/redis/kustomization.yaml").read_text())["patches"][0]["patch"])
container_env = container["env"]
for op in redis_patch:
    index = int(op["path"].rsplit("/", 1)[1])
    if not container_env[index]["name"].startswith("Cluster__"):
        fail(f"the Redis overlay replaces env {index} ({container_env[index]['name']}), not a Cluster__ setting")
print(f"ok  kubernetes/: {len(docs)} documents parse, Orleans' Kubernetes hosting wired")

for line in (deploy / "Dockerfile").read_text().splitlines():
    match = re.match(r"COPY (?!--from)(.+)", line)
    if match:
        for source in match.group(1).split()[:-1]:
            if not (root / source.rstrip("/")).exists() and source.split("/")[0] != "web":
                fail(f"Dockerfile copies {source}, which does not exist")
print("ok  Dockerfile: every copied path exists (web/ comes from the web app's folder)")
PY

if command -v nginx >/dev/null; then
  tmp="$(mktemp -d)"
  sed -e 's/server silo[123]:8080/server 127.0.0.1:8080/' -e 's/listen 80;/listen 127.0.0.1:18080;/' "$DEPLOY/nginx.conf" \
    | awk '!/server 127.0.0.1:8080/ || !seen++' > "$tmp/nginx.conf"
  nginx -t -q -c "$tmp/nginx.conf" -p "$tmp" -g "pid $tmp/nginx.pid; error_log $tmp/error.log;"
  rm -rf "$tmp"
  echo "ok  nginx.conf passes nginx -t"
else
  echo "--  nginx.conf not checked: nginx is not installed (apt-get install -y nginx)"
fi

if [[ "${1:-}" == "--image" ]]; then
  "$DEPLOY/image-build-steps.sh"
fi
