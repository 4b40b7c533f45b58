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

def load_compose(file, required):
    """A compose file with every required service, each with cpu and memory limits."""
    compose = yaml.safe_load((deploy / file).read_text())
    services = compose["services"]
    for name in required:
        if name not in services:
            fail(f"{file} has no service {name}")
    for name, service in services.items():
        if not (service.get("cpus") and service.get("mem_limit")):
            fail(f"{file}: {name} has no cpu and memory limits")
    return compose, services

compose, services = load_compose("compose.yaml", ["redis", "silo1", "silo2", "silo3", "lb"])
for n in (1, 2, 3):
    silo = services[f"silo{n}"]
    env = silo["environment"]
    if env.get("ASPNETCORE_ENVIRONMENT") != "Cluster" or not env.get("Cluster__Redis", "").startswith("redis:"):
        fail(f"silo{n} is not configured for the Redis cluster")
    if silo["build"]["dockerfile"] != "deploy/Dockerfile":
        fail(f"silo{n} does not build deploy/Dockerfile")
if "--appendonly" not in services["redis"]["command"]:
    fail("compose's Redis keeps no append-only file")
if not any(str(p).endswith(":80") for p in services["lb"]["ports"]):
    fail("the load balancer publishes no port")
if "--requirepass" not in services["redis"]["command"] or "password=${REDIS_PASSWORD" not in services["silo1"]["environment"]["Cluster__Redis"]:
    fail("compose's Redis asks for no password, or the silos do not give it")
if not compose["networks"]["back"].get("internal") or services["lb"]["networks"] != ["front"] or services["redis"]["networks"] != ["back"]:
    fail("compose's load balancer can reach Redis or the silo ports")
print("ok  compose.yaml: redis, three silos, load balancer")

docs = []
for path in sorted((deploy / "kubernetes").glob("*.yaml")):
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
for name in ["ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID", "POD_NAMESPACE", "POD_NAME", "POD_IP", "Cluster__Redis"]:
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
kustomization = yaml.safe_load((deploy / "kubernetes" / "kustomization.yaml").read_text())
for resource in kustomization["resources"]:
    if not (deploy / "kubernetes" / resource).exists():
        fail(f"kustomization names a missing {resource}")
print(f"ok  kubernetes/: {len(docs)} documents parse, Orleans' Kubernetes hosting wired")

# Every container asks for and is capped in CPU and memory.
for name, doc in docs:
    spec = doc.get("spec", {}).get("template", {}).get("spec")
    for c in (spec or {}).get("containers", []):
        resources = c.get("resources", {})
        for part in ("requests", "limits"):
            if not {"cpu", "memory"} <= set(resources.get(part, {})):
                fail(f"{name}: container {c['name']} lacks cpu and memory {part}")
print("ok  kubernetes/: every container has cpu and memory requests and limits")

# Redis asks for a password that comes from a Secret, and the silos give it.
def env_of(kind, name):
    doc = next(d for _, d in docs if d["kind"] == kind and d["metadata"]["name"] == name)
    container = doc["spec"]["template"]["spec"]["containers"][0]
    return container, {e["name"]: e for e in container.get("env", [])}
redis_container, redis_env = env_of("StatefulSet", "redis")
if "--requirepass" not in redis_container.get("args", []) or "secretKeyRef" not in redis_env.get("REDIS_PASSWORD", {}).get("valueFrom", {}):
    fail("Redis does not require a password from a Secret")
_, silo_env = env_of("Deployment", "liveclass")
if "secretKeyRef" not in silo_env.get("REDIS_PASSWORD", {}).get("valueFrom", {}) or "password=$(REDIS_PASSWORD)" not in silo_env["Cluster__Redis"]["value"]:
    fail("the silos do not give Redis the password from the Secret")
if any(d["kind"] == "Secret" for _, d in docs):
    fail("a Secret is committed in kubernetes/: create it in the cluster instead")
print("ok  kubernetes/: Redis requires a password from the Secret redis-auth")

# Only silos reach the silo, gateway and Redis ports.
policies = {d["metadata"]["name"]: d["spec"] for _, d in docs if d["kind"] == "NetworkPolicy"}
deny = policies.get("default-deny-ingress")
if not deny or deny["podSelector"] != {} or deny.get("ingress"):
    fail("no default deny of ingress in the namespace")
def sources(policy, port):
    return [rule.get("from", []) for rule in policy.get("ingress", []) if any(p.get("port") == port for p in rule.get("ports", []))]
silo_policy = next((p for p in policies.values() if p["podSelector"].get("matchLabels") == {"app": "liveclass"}), None)
redis_policy = next((p for p in policies.values() if p["podSelector"].get("matchLabels") == {"app": "redis"}), None)
only_silos = [[{"podSelector": {"matchLabels": {"app": "liveclass"}}}]]
if not silo_policy or sources(silo_policy, 11111) != only_silos or sources(silo_policy, 30000) != only_silos:
    fail("the silo and gateway ports are open to more than the silos")
if not redis_policy or sources(redis_policy, 6379) != only_silos or len(redis_policy.get("ingress", [])) != 1:
    fail("Redis is open to more than the silos")
print("ok  kubernetes/: network policies let only silos reach the silo, gateway and Redis ports")

for line in (deploy / "Dockerfile").read_text().splitlines():
    match = re.match(r"COPY (?!--from)(.+)", line)
    if match:
        for source in match.group(1).split()[:-1]:
            if not (root / source.rstrip("/")).exists() and source.split("/")[0] != "web":
                fail(f"Dockerfile copies {source}, which does not exist")
print("ok  Dockerfile: every copied path exists (web/ comes from the web app's folder)")

# The Azure Storage variants: compose.azure.yaml and the kubernetes/azure overlay.
_, azure_services = load_compose("compose.azure.yaml", ["azurite", "silo1", "silo2", "silo3", "lb"])
for n in (1, 2, 3):
    env = azure_services[f"silo{n}"]["environment"]
    if env.get("Cluster__Clustering") != "AzureStorage" or env.get("Cluster__Storage") != "AzureStorage" \
            or "TableEndpoint=http://azurite:10002/" not in env.get("Cluster__AzureStorage__ConnectionString", ""):
        fail(f"compose.azure.yaml: silo{n} is not configured for Azure Storage on the azurite service")
if "/data" not in azure_services["azurite"]["command"] or azure_services["azurite"]["networks"] != ["back"]:
    fail("compose.azure.yaml: Azurite keeps no data folder, or is reachable from the load balancer's network")
print("ok  compose.azure.yaml: azurite, three silos on Azure Storage, load balancer")

overlay = yaml.safe_load((deploy / "kubernetes" / "azure" / "kustomization.yaml").read_text())
if overlay["resources"] != [".."]:
    fail("kubernetes/azure does not build on the base")
base_env = [e["name"] for e in container["env"]]
json_patch = yaml.safe_load(next(p for p in overlay["patches"] if "target" in p)["patch"])
for op in json_patch:
    index = int(op["path"].split("/env/")[1].split("/")[0])
    if not base_env[index].startswith("Cluster__") and base_env[index] != "REDIS_PASSWORD":
        fail(f"kubernetes/azure patches env {index} ({base_env[index]}), not a storage setting")
if base_env[5] != "Cluster__Redis" or base_env[4] != "REDIS_PASSWORD":
    fail("kubernetes/azure expects REDIS_PASSWORD and Cluster__Redis at env 4 and 5 of the base Deployment")
print("ok  kubernetes/azure: the overlay swaps Redis for Azure Storage and drops the Redis StatefulSet")
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
