"""The Kubernetes manifests: valid against the API's schemas, and true to the code.

The production overlay is rendered by Kustomize (the one built into kubectl) and every
object is validated offline against the schemas of a supported Kubernetes release
(kubernetes-validate bundles them), strictly, so a misspelt field fails. Then the
manifests are held to the code they run: every probe path answers through the real
URLconf, every management command and option exists, the gunicorn config and app
module are the real ones, the non-root user is the image's, the grace period covers
preStop plus gunicorn's graceful timeout, and the pods can never open more database
connections than the server allows.
"""

import os
import runpy
import shlex
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from django.core.management import get_commands, load_command_class
from django.test import override_settings
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "deploy" / "kubernetes" / "overlays" / "production"
# The oldest release we promise to run on (CronJob timeZone, autoscaling/v2 and
# policy/v1 are all older than this).
KUBERNETES_VERSION = "1.30.0"
# PostgreSQL's default max_connections (100) less its 3 reserved for superusers:
# managed PostgreSQL at the smallest tiers gives about this many.
MAX_DATABASE_CONNECTIONS = 97
IMAGE_UID = 10001  # Dockerfile: USER 10001


@pytest.fixture(scope="module")
def manifests() -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        if os.environ.get("CI"):
            pytest.fail("kubectl (with its built-in Kustomize) is not installed")
        pytest.skip("kubectl is not installed; CI renders the overlay with it")
    rendered = subprocess.run(
        [kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(OVERLAY)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr
    return [document for document in yaml.safe_load_all(rendered.stdout) if document]


def objects(manifests, kind):
    return [item for item in manifests if item["kind"] == kind]


def named(manifests, kind, name):
    (found,) = [item for item in objects(manifests, kind) if item["metadata"]["name"] == name]
    return found


def pod_specs(manifests) -> dict[str, dict]:
    """Return every pod template of the app's image by its workload's name."""
    specs = {}
    for item in manifests:
        if item["kind"] in {"Deployment", "Job"}:
            specs[item["metadata"]["name"]] = item["spec"]["template"]["spec"]
        elif item["kind"] == "CronJob":
            specs[item["metadata"]["name"]] = item["spec"]["jobTemplate"]["spec"]["template"][
                "spec"
            ]
    return specs


def containers(spec):
    return [*spec.get("initContainers", []), *spec["containers"]]


def settings_map(manifests) -> dict[str, str]:
    (config,) = [
        item
        for item in objects(manifests, "ConfigMap")
        if item["metadata"]["name"].startswith("tidslinje-settings")
    ]
    return config["data"]


def manage_py_calls(command: list[str]) -> list[list[str]]:
    """Return the `manage.py` argument lists in a container command, shell scripts included."""
    words = command
    if command[:2] == ["sh", "-c"]:
        words = shlex.split(command[2].replace(";", " ; "))
    calls = []
    for index, word in enumerate(words):
        if word == "manage.py":
            rest = []
            for argument in words[index + 1 :]:
                if argument in {";", "&&", "||", ">/dev/null"} or argument.startswith(">"):
                    break
                rest.append(argument)
            calls.append(rest)
    return calls


def test_it_validates_every_object_against_the_kubernetes_schemas(manifests):
    assert len(manifests) >= 15
    for item in manifests:
        kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)


def test_it_keeps_secrets_out_of_the_manifests(manifests):
    assert objects(manifests, "Secret") == []
    secret_names = {
        "SECRET_KEY",
        "DATABASE_URL",
        "CACHE_URL",
        "COUNTER_CACHE_URL",
        "EMAIL_HOST_PASSWORD",
    }
    assert secret_names.isdisjoint(settings_map(manifests))
    for name, spec in pod_specs(manifests).items():
        for container in containers(spec):
            if container["image"].startswith("nginx"):
                continue
            refs = [source.get("secretRef", {}).get("name") for source in container["envFrom"]]
            assert refs.count("tidslinje") == 1, (name, container["name"])
            assert secret_names.isdisjoint(env["name"] for env in container.get("env", []))


def test_it_runs_at_least_two_web_pods_that_the_disruption_budget_and_autoscaler_keep(
    manifests,
):
    web = named(manifests, "Deployment", "web")
    assert web["spec"]["replicas"] >= 2
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    autoscaler = named(manifests, "HorizontalPodAutoscaler", "web")
    assert autoscaler["spec"]["scaleTargetRef"]["name"] == "web"
    assert autoscaler["spec"]["minReplicas"] >= 2
    budget = named(manifests, "PodDisruptionBudget", "web")
    assert budget["spec"]["maxUnavailable"] < autoscaler["spec"]["minReplicas"]
    assert budget["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]


@pytest.mark.parametrize("probe", ["startupProbe", "livenessProbe", "readinessProbe"])
@pytest.mark.django_db
def test_it_probes_urls_that_answer_200_with_the_probes_own_host_header(manifests, client, probe):
    (web,) = named(manifests, "Deployment", "web")["spec"]["template"]["spec"]["containers"]
    get = web[probe]["httpGet"]
    assert get["port"] in {port["name"] for port in web["ports"]}
    expected = {"livenessProbe": "healthz", "startupProbe": "healthz", "readinessProbe": "readyz"}
    assert resolve(get["path"]).url_name == expected[probe]
    headers = {header["name"].lower(): header["value"] for header in get["httpHeaders"]}
    allowed_hosts = settings_map(manifests)["ALLOWED_HOSTS"].split(",")
    with override_settings(ALLOWED_HOSTS=allowed_hosts):
        response = client.get(get["path"], HTTP_HOST=headers["host"])
    assert response.status_code == 200


def test_it_runs_only_management_commands_and_options_that_exist(manifests):
    commands = get_commands()
    seen = set()
    for name, spec in pod_specs(manifests).items():
        for container in containers(spec):
            for arguments in manage_py_calls(container.get("command", [])):
                command_name, *options = arguments
                assert command_name in commands, (name, command_name)
                command = load_command_class(commands[command_name], command_name)
                # Unknown options make the parser exit, which fails the test.
                command.create_parser("manage.py", command_name).parse_args(options)
                seen.add(" ".join(arguments))
    assert seen == {
        "migrate --noinput",
        "migrate --check",
        "purge_feedback",
        "check_feedback_spikes",
        "send_alerts --interval 5",
    }


def test_it_starts_gunicorn_with_the_real_config_and_app(manifests):
    (web,) = named(manifests, "Deployment", "web")["spec"]["template"]["spec"]["containers"]
    executable, flag, config, app = web["command"]
    assert (executable, flag) == ("gunicorn", "--config")
    assert (ROOT / config).is_file()
    module, _, attribute = app.partition(":")
    assert (ROOT / Path(*module.split("."))).with_suffix(".py").is_file()
    assert attribute in {"", "application"}


def test_it_gives_a_stopping_web_pod_its_pause_and_gunicorns_graceful_timeout(
    manifests, monkeypatch
):
    spec = named(manifests, "Deployment", "web")["spec"]["template"]["spec"]
    (web,) = spec["containers"]
    sleep, seconds = web["lifecycle"]["preStop"]["exec"]["command"]
    assert sleep == "sleep"
    # The pods' page cache is Redis; the config refuses several workers on a per-process one.
    monkeypatch.setenv("CACHE_URL", "redis://redis:6379/0")
    gunicorn = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert int(seconds) > 0
    assert spec["terminationGracePeriodSeconds"] > int(seconds) + gunicorn["graceful_timeout"]


def test_it_runs_every_container_unprivileged_on_a_read_only_root(manifests):
    for name, spec in pod_specs(manifests).items():
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert pod["seccompProfile"]["type"] == "RuntimeDefault", name
        assert spec["automountServiceAccountToken"] is False, name
        mounts = {volume["name"] for volume in spec.get("volumes", []) if "emptyDir" in volume}
        for container in containers(spec):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, (name, container["name"])
            assert context["allowPrivilegeEscalation"] is False, (name, container["name"])
            assert context["capabilities"]["drop"] == ["ALL"], (name, container["name"])
            writable = {mount["mountPath"] for mount in container.get("volumeMounts", [])}
            assert "/tmp" in writable, (name, container["name"])
            assert {m["name"] for m in container["volumeMounts"] if not m.get("readOnly")} <= mounts
            assert "memory" in container["resources"]["limits"], (name, container["name"])
            assert "cpu" in container["resources"]["requests"], (name, container["name"])
        if spec["containers"][0]["image"].startswith("registry."):
            assert pod["runAsUser"] == IMAGE_UID, name


def test_it_pins_the_apps_image_by_digest(manifests):
    for name, spec in pod_specs(manifests).items():
        for container in containers(spec):
            if not container["image"].startswith("nginx"):
                assert "@sha256:" in container["image"], (name, container["name"])


def test_it_mounts_the_projects_own_nginx_config_on_an_upstream_the_web_service_answers(
    manifests,
):
    (config,) = [
        item
        for item in objects(manifests, "ConfigMap")
        if item["metadata"]["name"].startswith("nginx")
    ]
    text = config["data"]["nginx.conf"]
    assert text == (ROOT / "deploy" / "nginx.conf").read_text()
    service = named(manifests, "Service", "web")
    assert f"server {service['metadata']['name']}:{service['spec']['ports'][0]['port']};" in text
    proxy = named(manifests, "Deployment", "proxy")["spec"]["template"]["spec"]
    (volume,) = [volume for volume in proxy["volumes"] if "configMap" in volume]
    assert volume["configMap"]["name"] == config["metadata"]["name"]
    assert "listen 8080 default_server;" in text
    assert proxy["containers"][0]["ports"][0]["containerPort"] == 8080


def test_it_denies_all_traffic_but_what_the_site_needs(manifests):
    policies = {
        item["metadata"]["name"]: item["spec"] for item in objects(manifests, "NetworkPolicy")
    }
    assert policies["default-deny"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    web_from = policies["web-from-proxy"]["ingress"][0]["from"][0]["podSelector"]["matchLabels"]
    assert web_from == {"app.kubernetes.io/name": "proxy"}


def test_it_keeps_the_database_connections_within_what_postgresql_allows(manifests):
    settings = settings_map(manifests)
    per_pod = int(settings["WEB_CONCURRENCY"]) * int(settings["DATABASE_POOL_SIZE"])
    # Each gthread thread holds at most one connection: a pool larger than the threads idles.
    assert int(settings["DATABASE_POOL_SIZE"]) <= int(settings["GUNICORN_THREADS"])
    web_pods = named(manifests, "HorizontalPodAutoscaler", "web")["spec"]["maxReplicas"]
    # During a rolling update maxSurge pods run beside the rest.
    web_pods += named(manifests, "Deployment", "web")["spec"]["strategy"]["rollingUpdate"][
        "maxSurge"
    ]
    # The migrate Job, the two CronJobs and the new pods' migration checks: one each.
    others = 4
    assert web_pods * per_pod + others <= MAX_DATABASE_CONNECTIONS
