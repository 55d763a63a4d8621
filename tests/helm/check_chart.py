"""Renders the Helm chart with tests/helm/render for a table of values and checks what comes out.

    check_chart.py RENDERER CHART_DIR REPO_DIR

Every render is parsed as YAML and held to the facts that must always be true (one replica,
Recreate, probe paths, ports, the volume at VC_DATA_DIR, env names from the README's
configuration table, a locked-down securityContext, ...); each case then checks its own
(a disabled service renders nothing, the Ingress routes each prefix to its service, a missing
required value stops the render). Prints one line per case and "N passed, N failed"; exit
status 1 when a case failed.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPECTED_API = {
    "PersistentVolumeClaim": "v1",
    "Service": "v1",
    "Secret": "v1",
    "Deployment": "apps/v1",
    "Ingress": "networking.k8s.io/v1",
}
PREFIX = {"vc-registratie": "/registratie", "vc-subsidies": "/subsidies"}
EXISTING = {"applications": {"existingSecret": "vc-applicaties"}}
MEBIBYTE = 1024 * 1024


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one map (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(
                None, None, f"key given twice: {', '.join(twice)}", node.start_mark)
        return super().construct_mapping(node, deep)


def readme_variables(repo):
    """The VC_* names in the first column of the README's configuration table."""
    with open(os.path.join(repo, "README.md"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"^\| `(VC_[A-Z0-9_]+)` \|", section, re.M))
    expect(len(names) > 20, f"only {len(names)} variables found in the README's table")
    return names


def memory_bytes(quantity):
    number, unit = re.fullmatch(r"(\d+)(Ki|Mi|Gi)?", str(quantity)).groups()
    return int(number) * {None: 1, "Ki": 1024, "Mi": MEBIBYTE, "Gi": 1024 * MEBIBYTE}[unit]


class Render:
    """One render: its documents by kind, and the NOTES."""

    def __init__(self, text, notes):
        self.docs = [d for d in yaml.load_all(text, Loader=UniqueKeyLoader) if d is not None]
        self.notes = notes

    def of(self, kind):
        return [d for d in self.docs if d["kind"] == kind]

    def named(self, kind, name):
        found = [d for d in self.of(kind) if d["metadata"]["name"] == name]
        expect(len(found) == 1, f"{kind} {name}: {len(found)} rendered, 1 expected")
        return found[0]

    def deployment(self, binary):
        found = [d for d in self.of("Deployment") if container(d)["command"] == [
            f"/usr/local/bin/{binary}"]]
        return found[0] if found else None


def container(deployment):
    containers = deployment["spec"]["template"]["spec"]["containers"]
    expect(len(containers) == 1, "one container per pod")
    return containers[0]


def env_of(deployment):
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in container(deployment)["env"]}


def check_documents(render):
    seen = set()
    for doc in render.docs:
        kind, name = doc.get("kind"), doc.get("metadata", {}).get("name")
        expect(kind in EXPECTED_API, f"unexpected kind {kind}")
        expect(doc["apiVersion"] == EXPECTED_API[kind], f"{kind} {name}: {doc['apiVersion']}")
        expect(name and (kind, name) not in seen, f"{kind} {name}: missing or twice")
        seen.add((kind, name))
        labels = doc["metadata"].get("labels", {})
        expect(all(isinstance(v, str) for v in labels.values()), f"{name}: a label not a string")
        if kind == "Service":
            expect(len(name) <= 63, f"Service name {name} longer than 63")


def check_deployment(render, deployment, readme):
    name = deployment["metadata"]["name"]
    spec, pod = deployment["spec"], deployment["spec"]["template"]["spec"]
    c = container(deployment)
    env = env_of(deployment)

    expect(spec["replicas"] == 1, f"{name}: replicas {spec['replicas']}, SQLite needs 1")
    expect(spec["strategy"] == {"type": "Recreate"}, f"{name}: strategy is not Recreate")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    expect(spec["selector"]["matchLabels"].items() <= labels.items(), f"{name}: selector")

    unknown = sorted(set(env) - readme)
    expect(not unknown, f"{name}: env not in the README's table: {unknown}")
    plain = [v for e, v in env.items() if not isinstance(v, dict)]
    expect(all(isinstance(v, str) for v in plain), f"{name}: an env value is not a string")
    expect(not any(re.fullmatch(r"[\d.]+e[+-]\d+", v) for v in plain),
           f"{name}: a number rendered with an exponent")
    expect(env["VC_HOST"] == "0.0.0.0", f"{name}: VC_HOST {env['VC_HOST']}")

    ports = c["ports"]
    expect(len(ports) == 1 and ports[0]["name"] == "http", f"{name}: one port named http")
    expect(str(ports[0]["containerPort"]) == env["VC_PORT"], f"{name}: containerPort != VC_PORT")
    expect(c["livenessProbe"]["httpGet"] == {"path": "/health/live", "port": "http"},
           f"{name}: liveness probe")
    expect(c["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "http"},
           f"{name}: readiness probe")

    drain_ms = int(env["VC_DRAIN_TIMEOUT_MS"]) + int(env["VC_NOTIFICATIES_DRAIN_MS"])
    expect(pod["terminationGracePeriodSeconds"] * 1000 > drain_ms,
           f"{name}: grace period {pod['terminationGracePeriodSeconds']} s, drains {drain_ms} ms")

    check_volumes(render, deployment, env)
    check_security(deployment)
    check_service(render, deployment, env)


def check_volumes(render, deployment, env):
    name = deployment["metadata"]["name"]
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container(deployment)["volumeMounts"]}

    expect(env["VC_DATA_DIR"] in mounts, f"{name}: nothing mounted at VC_DATA_DIR")
    data = volumes[mounts[env["VC_DATA_DIR"]]]
    expect("persistentVolumeClaim" in data, f"{name}: VC_DATA_DIR is not on the claim")
    claim = data["persistentVolumeClaim"]["claimName"]
    claims = [d for d in render.of("PersistentVolumeClaim") if d["metadata"]["name"] == claim]
    if claims:
        expect(claims[0]["spec"]["accessModes"] == ["ReadWriteOnce"], f"{claim}: access mode")

    folder, file = env["VC_APPLICATIONS_FILE"].rsplit("/", 1)
    expect(folder in mounts, f"{name}: nothing mounted at VC_APPLICATIONS_FILE's folder")
    mount = [m for m in container(deployment)["volumeMounts"] if m["mountPath"] == folder]
    expect(mount and mount[0].get("readOnly"), f"{name}: applications not mounted read-only")
    secret = volumes[mount[0]["name"]]["secret"]
    expect([i["path"] for i in secret["items"]] == [file], f"{name}: applications file name")
    expect(secret["defaultMode"] == 0o440, f"{name}: applications file mode")


def check_security(deployment):
    name = deployment["metadata"]["name"]
    pod = deployment["spec"]["template"]["spec"]
    c = container(deployment)
    expect(pod["securityContext"].get("runAsNonRoot") is True, f"{name}: runAsNonRoot")
    expect(pod.get("automountServiceAccountToken") is False, f"{name}: service account token")
    sc = c["securityContext"]
    expect(sc.get("readOnlyRootFilesystem") is True, f"{name}: readOnlyRootFilesystem")
    expect(sc.get("allowPrivilegeEscalation") is False, f"{name}: allowPrivilegeEscalation")
    expect(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{name}: capabilities not dropped")
    resources = c["resources"]
    request = memory_bytes(resources["requests"]["memory"])
    limit = memory_bytes(resources["limits"]["memory"])
    # The service peaked at about 30 MB RSS; a limit below that would kill it under load.
    expect(32 * MEBIBYTE <= request <= limit, f"{name}: memory request {request}, limit {limit}")
    expect("cpu" in resources["requests"], f"{name}: no cpu request")


def check_service(render, deployment, env):
    name = deployment["metadata"]["name"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    picking = [s for s in render.of("Service") if s["spec"]["selector"].items() <= labels.items()]
    expect(len(picking) == 1, f"{name}: {len(picking)} Services select it")
    ports = picking[0]["spec"]["ports"]
    expect(len(ports) == 1 and str(ports[0]["port"]) == env["VC_PORT"]
           and ports[0]["targetPort"] == "http", f"{name}: Service port")


def service_for(render, binary):
    """The name and port of the Service in front of the Deployment running binary."""
    labels = render.deployment(binary)["spec"]["template"]["metadata"]["labels"]
    for s in render.of("Service"):
        if s["spec"]["selector"].items() <= labels.items():
            return s["metadata"]["name"], s["spec"]["ports"][0]["port"]
    raise Failure(f"no Service for {binary}")


def check_ingress(render, binaries):
    ingresses = render.of("Ingress")
    if not binaries:
        expect(not ingresses, "an Ingress was rendered though it is off")
        return ingresses
    expect(len(ingresses) == 1, f"{len(ingresses)} Ingresses, 1 expected")
    rules = ingresses[0]["spec"]["rules"]
    expect(len(rules) == 1, "one rule, for the one host")
    routes = {p["path"]: p for p in rules[0]["http"]["paths"]}
    expect(sorted(routes) == sorted(PREFIX[b] for b in binaries), f"paths {sorted(routes)}")
    for binary in binaries:
        route = routes[PREFIX[binary]]
        expect(route["pathType"] == "Prefix", f"{route['path']}: pathType {route['pathType']}")
        backend = route["backend"]["service"]
        expect(backend["name"] == service_for(render, binary)[0], f"{route['path']}: backend")
        expect(backend["port"] == {"name": "http"}, f"{route['path']}: backend port")
    return ingresses


def check_common(render, binaries, readme):
    check_documents(render)
    deployments = render.of("Deployment")
    expect(len(deployments) == len(binaries), f"{len(deployments)} Deployments")
    for binary in binaries:
        deployment = render.deployment(binary)
        expect(deployment is not None, f"no Deployment runs {binary}")
        check_deployment(render, deployment, readme)
        expect(f"{PREFIX[binary]}/api/v1" in render.notes, f"NOTES do not show {binary}'s API")
    for binary in set(PREFIX) - set(binaries):
        expect(render.deployment(binary) is None, f"{binary} runs though it is off")
        component = PREFIX[binary].strip("/")
        leftovers = [d["metadata"]["name"] for d in render.docs
                     if d["metadata"]["labels"].get("app.kubernetes.io/component") == component]
        expect(not leftovers, f"{component} is off but rendered {leftovers}")
        expect(f"{PREFIX[binary]}/api/v1" not in render.notes, f"NOTES show {binary}")
    expect("<no value>" not in render.notes, "NOTES hold <no value>")


# Each case: values laid over values.yaml, the release, and either a check of the render or
# the message a failed render must give.

def defaults(render):
    counts = {k: len(render.of(k)) for k in EXPECTED_API}
    expect(counts == {"PersistentVolumeClaim": 2, "Service": 2, "Secret": 0, "Deployment": 2,
                      "Ingress": 0}, f"kinds {counts}")
    registration, port = service_for(render, "vc-registratie")
    url = env_of(render.deployment("vc-subsidies"))["VC_REGISTRATIE_URL"]
    expect(url == f"http://{registration}.gemeente-test.svc:{port}/registratie/api/v1",
           f"VC_REGISTRATIE_URL {url}")
    for binary in PREFIX:
        deployment = render.deployment(binary)
        env = env_of(deployment)
        expect("VC_PUBLIC_URL" not in env, "VC_PUBLIC_URL set without a url or Ingress")
        expect(deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] == 20,
               "grace period for 10 s + 5 s of drains")
        volumes = deployment["spec"]["template"]["spec"]["volumes"]
        secrets = [v["secret"]["secretName"] for v in volumes if "secret" in v]
        expect(secrets == ["vc-applicaties"], f"applications from {secrets}")
        claims = [v["persistentVolumeClaim"]["claimName"] for v in volumes
                  if "persistentVolumeClaim" in v]
        expect(claims[0] in [d["metadata"]["name"] for d in render.of("PersistentVolumeClaim")],
               f"claim {claims} not rendered")
    check_ingress(render, [])


FULL = {
    "applications": {"entries": ["app-a:" + "a" * 32, "app-b:" + "b" * 40]},
    "ingress": {"enabled": True, "host": "api.gemeente.nl", "tlsSecret": "api-tls",
                "className": "nginx", "annotations": {"example.org/tier": "public"}},
    "corsOrigins": ["https://a.gemeente.nl", "https://b.gemeente.nl"],
    "demoData": True,
    "drainTimeoutMs": 30000,
    "notificationsDrainMs": 8000,
    "notificationsRetentionDays": 90,
    "podAnnotations": {"prometheus.io/scrape": "true"},
    "extraEnv": [{"name": "VC_MAX_BODY_BYTES", "value": "2097152"}],
    "registration": {"port": 9080, "gemeenten": ["0344:Utrecht", "0363:Amsterdam"],
                     "retentionIntervalSeconds": 2592000,
                     "persistence": {"storageClass": "fast", "size": "5Gi", "keep": False}},
    "subsidies": {"persistence": {"existingClaim": "subsidies-oud"},
                  "extraEnv": [{"name": "VC_NOTIFICATIES_DOORSTUREN_SECRET", "valueFrom": {
                      "secretKeyRef": {"name": "open-notificaties", "key": "secret"}}}]},
}


def everything_on(render):
    secret = render.named("Secret", "vc-vrijwilligerscheck-applicaties")
    lines = secret["stringData"]["applications.txt"].split()
    expect(lines == FULL["applications"]["entries"], f"applications lines {lines}")
    ingress = check_ingress(render, list(PREFIX))[0]
    expect(ingress["spec"]["tls"] == [{"hosts": ["api.gemeente.nl"], "secretName": "api-tls"}],
           "tls section")
    expect(ingress["spec"]["ingressClassName"] == "nginx", "ingressClassName")

    registration = render.deployment("vc-registratie")
    env = env_of(registration)
    expect(env["VC_PORT"] == "9080", "registration port")
    expect(env["VC_PUBLIC_URL"] == "https://api.gemeente.nl", "VC_PUBLIC_URL from the host")
    expect(env["VC_CORS_ORIGINS"] == "https://a.gemeente.nl,https://b.gemeente.nl", "CORS")
    expect(env["VC_GEMEENTEN"] == "0344:Utrecht,0363:Amsterdam", "VC_GEMEENTEN")
    expect(env["VC_RETENTION_INTERVAL_SECONDS"] == "2592000", "retention interval")
    expect(env["VC_DEMO_DATA"] == "true", "demo data")
    expect(env["VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN"] == "90", "outbox retention")
    expect(env["VC_MAX_BODY_BYTES"] == "2097152", "extraEnv for both services")
    template = registration["spec"]["template"]
    expect(template["spec"]["terminationGracePeriodSeconds"] == 43, "grace for 30 s + 8 s")
    expect("checksum/applicaties" in template["metadata"]["annotations"], "no checksum")
    expect(template["metadata"]["annotations"]["prometheus.io/scrape"] == "true", "annotations")

    subsidies = render.deployment("vc-subsidies")
    env = env_of(subsidies)
    expect(env["VC_REGISTRATIE_URL"].endswith(".svc:9080/registratie/api/v1"), "registration url")
    expect("secretKeyRef" in env["VC_NOTIFICATIES_DOORSTUREN_SECRET"], "extraEnv valueFrom")
    claims = [d["metadata"]["name"] for d in render.of("PersistentVolumeClaim")]
    expect(len(claims) == 1 and "registratie" in claims[0], f"claims {claims}")
    claim = render.named("PersistentVolumeClaim", claims[0])
    expect(claim["spec"]["storageClassName"] == "fast", "storage class")
    expect(claim["spec"]["resources"]["requests"]["storage"] == "5Gi", "storage size")
    expect("annotations" not in claim["metadata"], "keep: false still keeps the claim")
    volumes = subsidies["spec"]["template"]["spec"]["volumes"]
    expect({"claimName": "subsidies-oud"} in [v.get("persistentVolumeClaim") for v in volumes],
           "existingClaim not used")


def subsidies_off(render):
    check_ingress(render, ["vc-registratie"])


def registration_off_external(render):
    check_ingress(render, ["vc-subsidies"])
    env = env_of(render.deployment("vc-subsidies"))
    expect(env["VC_REGISTRATIE_URL"] == "https://registratie.example.nl/registratie/api/v1",
           "external VC_REGISTRATIE_URL")


def registration_off_unchecked(render):
    expect("VC_REGISTRATIE_URL" not in env_of(render.deployment("vc-subsidies")),
           "VC_REGISTRATIE_URL points at a registration that is not there")


def openshift_ids(render):
    for deployment in render.of("Deployment"):
        pod = deployment["spec"]["template"]["spec"]["securityContext"]
        expect(not {"runAsUser", "runAsGroup", "fsGroup"} & set(pod), f"ids left: {pod}")


def release_named_like_chart(render):
    names = sorted(d["metadata"]["name"] for d in render.of("Service"))
    expect(names == ["vrijwilligerscheck-registratie", "vrijwilligerscheck-subsidies"],
           f"names {names}")


INGRESS_ON = {"ingress": {"enabled": True, "host": "api.gemeente.nl"}}
CASES = [
    ("defaults with an existing applications Secret", [EXISTING], "vc", defaults),
    ("everything switched on", [FULL], "vc", everything_on),
    ("subsidies switched off", [EXISTING, INGRESS_ON, {"subsidies": {"enabled": False}}],
     "vc", subsidies_off),
    ("registration switched off, an external registration",
     [EXISTING, INGRESS_ON, {"registration": {"enabled": False}},
      {"subsidies": {"registratieUrl": "https://registratie.example.nl/registratie/api/v1"}}],
     "vc", registration_off_external),
    ("registration switched off, nothing to check organisations against",
     [EXISTING, {"registration": {"enabled": False}}], "vc", registration_off_unchecked),
    ("null removes the user ids, for OpenShift",
     [EXISTING, {"podSecurityContext": {"runAsUser": None, "runAsGroup": None,
                                        "fsGroup": None}}], "vc", openshift_ids),
    ("a release named like the chart", [EXISTING], "vrijwilligerscheck",
     release_named_like_chart),
    ("no applications stops the render", [], "vc",
     "applications.existingSecret or applications.entries is required"),
    ("an Ingress without a host stops the render", [EXISTING, INGRESS_ON,
                                                   {"ingress": {"host": ""}}], "vc",
     "ingress.host is required"),
]


def binaries_in(layers):
    enabled = {"vc-registratie": True, "vc-subsidies": True}
    for layer in layers:
        for key, binary in (("registration", "vc-registratie"), ("subsidies", "vc-subsidies")):
            enabled[binary] = layer.get(key, {}).get("enabled", enabled[binary])
    return [b for b, on in enabled.items() if on]


def run_case(renderer, chart, readme, scratch, case):
    title, layers, release, expected = case
    args = [renderer, "-name", release, "-namespace", "gemeente-test"]
    for i, layer in enumerate(layers):
        path = os.path.join(scratch, f"values-{i}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(layer, f)
        args += ["-f", path]
    notes = os.path.join(scratch, "NOTES.txt")
    args += ["-notes", notes, chart]
    result = subprocess.run(args, capture_output=True, text=True, check=False)

    if isinstance(expected, str):
        expect(result.returncode != 0, "rendered, but should have failed")
        expect(expected in result.stderr, f"failed without '{expected}': {result.stderr}")
        return
    expect(result.returncode == 0, f"render failed: {result.stderr.strip()}")
    with open(notes, encoding="utf-8") as f:
        render = Render(result.stdout, f.read())
    check_common(render, binaries_in(layers), readme)
    expected(render)


def check_chart_files(chart, repo):
    """Chart.yaml and values.yaml are YAML without repeated keys; lines stay within 100."""
    with open(os.path.join(chart, "Chart.yaml"), encoding="utf-8") as f:
        meta = yaml.load(f, Loader=UniqueKeyLoader)
    with open(os.path.join(chart, "values.yaml"), encoding="utf-8") as f:
        yaml.load(f, Loader=UniqueKeyLoader)
    expect(meta["apiVersion"] == "v2" and meta["name"] == os.path.basename(chart),
           "Chart.yaml: apiVersion v2 and the folder's name")
    with open(os.path.join(repo, "CMakeLists.txt"), encoding="utf-8") as f:
        version = re.search(r"project\(\S+ VERSION (\S+)", f.read()).group(1)
    expect(meta["appVersion"] == version, f"appVersion {meta['appVersion']}, project {version}")
    for folder, _, files in os.walk(chart):
        for name in files:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    expect(len(line.rstrip("\n")) <= 100, f"{name}:{number} over 100 columns")


def main():
    renderer, chart, repo = sys.argv[1:4]
    results = []
    try:
        check_chart_files(chart, repo)
        results.append(("Chart.yaml and values.yaml", None))
    except (Failure, yaml.YAMLError) as e:
        results.append(("Chart.yaml and values.yaml", str(e)))
    readme = readme_variables(repo)
    with tempfile.TemporaryDirectory() as scratch:
        for case in CASES:
            try:
                run_case(renderer, chart, readme, scratch, case)
                results.append((case[0], None))
            except (Failure, KeyError, TypeError, IndexError, yaml.YAMLError) as e:
                results.append((case[0], f"{type(e).__name__}: {e}"))
    for title, problem in results:
        print(f"ok   {title}" if problem is None else f"FAIL {title}: {problem}")
    failed = sum(1 for _, problem in results if problem)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
