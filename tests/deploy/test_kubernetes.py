"""deploy/k8s, rendered and checked offline: every manifest validates against the Kubernetes
schemas (bundled by kubernetes-validate), the processes run commands `chat` accepts, set only
real settings and are probed on /readyz and /healthz, and the gateway image serves the web client
where the Ingress does not route to a context."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from runtime.contexts import CONTEXTS
from tests.deploy.commands import assert_settings, parse_chat_command
from tests.deploy.images import (
    DEPLOY,
    GATEWAY_IMAGE,
    GATEWAY_TEMPLATE,
    IMAGE,
    STAGES,
    gateway_variables_to_set,
)

K8S = DEPLOY / "k8s"
KUBERNETES_VERSION = "1.34.0"
OVERLAYS = ["monolith", "microservices"]

Manifest = dict[str, Any]


def render(directory: Path) -> list[Manifest]:
    """What `kubectl kustomize DIRECTORY` prints, for kustomizations that only list resources.

    The kustomizations keep to that subset so that it renders without the kustomize binary;
    the first assertion keeps them to it.
    """
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    assert set(kustomization) == {"apiVersion", "kind", "resources"}, f"{directory}: renders only resources"
    manifests: list[Manifest] = []
    for resource in kustomization["resources"]:
        path = directory / resource
        manifests += render(path) if path.is_dir() else list(yaml.safe_load_all(path.read_text()))
    return manifests


RENDERED = {overlay: render(K8S / "overlays" / overlay) for overlay in OVERLAYS}


def of_kind(overlay: str, kind: str) -> dict[str, Manifest]:
    return {m["metadata"]["name"]: m for m in RENDERED[overlay] if m["kind"] == kind}


def containers(overlay: str, image: str | None = IMAGE) -> Iterator[tuple[Manifest, dict[str, Any]]]:
    """Every container of the overlay's Deployments and Jobs that runs `image` (any image, for None)."""
    for manifest in RENDERED[overlay]:
        if manifest["kind"] in ("Deployment", "Job"):
            for container in manifest["spec"]["template"]["spec"]["containers"]:
                if image in (None, container["image"]):
                    yield manifest, container


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_manifest_validates_against_the_kubernetes_schemas(overlay: str) -> None:
    names = [(m["kind"], m["metadata"]["name"]) for m in RENDERED[overlay]]
    assert len(names) == len(set(names)), "a resource is declared twice"
    for manifest in RENDERED[overlay]:
        kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_process_runs_the_image_with_real_settings(overlay: str) -> None:
    config_maps, secrets = of_kind(overlay, "ConfigMap"), of_kind(overlay, "Secret")
    for _manifest, container in containers(overlay):
        parse_chat_command(container["command"])
        for source in container["envFrom"]:
            assert_settings(config_maps[source["configMapRef"]["name"]]["data"])
        assert_settings(variable["name"] for variable in container.get("env", []))
        for variable in container.get("env", []):
            if "valueFrom" in variable:
                reference = variable["valueFrom"]["secretKeyRef"]
                assert reference["key"] in secrets[reference["name"]]["stringData"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_servers_are_probed_for_readiness_and_liveness_on_their_port(overlay: str) -> None:
    for manifest, container in containers(overlay):
        if manifest["kind"] == "Deployment":
            assert parse_chat_command(container["command"])[0] == "serve"
            assert container["ports"] == [{"name": "http", "containerPort": 8000}]
            assert container["readinessProbe"] == {"httpGet": {"path": "/readyz", "port": "http"}}
            assert container["livenessProbe"] == {"httpGet": {"path": "/healthz", "port": "http"}}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_selects_the_pods_of_a_deployment(overlay: str) -> None:
    pod_labels = [
        d["spec"]["template"]["metadata"]["labels"] for d in of_kind(overlay, "Deployment").values()
    ]
    for name, service in of_kind(overlay, "Service").items():
        selector = service["spec"]["selector"]
        assert any(selector.items() <= labels.items() for labels in pod_labels), name


def ingress_routes(overlay: str) -> dict[tuple[str, str], str]:
    """The service each (path, path type) of the overlay's Ingresses goes to."""
    services = of_kind(overlay, "Service")
    routes = {}
    for ingress in of_kind(overlay, "Ingress").values():
        (rule,) = ingress["spec"]["rules"]
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["port"]["name"] in {
                port["name"] for port in services[backend["name"]]["spec"]["ports"]
            }
            routes[path["path"], path["pathType"]] = backend["name"]
    return routes


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_websockets_stay_open_through_the_ingress(overlay: str) -> None:
    annotations = of_kind(overlay, "Ingress")["hexchat"]["metadata"]["annotations"]
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_uploads_pass_the_ingress_as_they_pass_the_gateway(overlay: str) -> None:
    uploads = of_kind(overlay, "Ingress")["hexchat-uploads"]
    (rule,) = uploads["spec"]["rules"]
    assert [path["path"] for path in rule["http"]["paths"]] == ["/api/v1/uploads"]
    annotations = uploads["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/proxy-request-buffering"] == "off"
    assert annotations["nginx.ingress.kubernetes.io/proxy-body-size"] == gateway_upload_limit()


def test_the_monolith_runs_once_with_every_context_and_its_data_on_a_volume() -> None:
    (deployment,) = of_kind("monolith", "Deployment").values()
    spec = deployment["spec"]
    assert (spec["replicas"], spec["strategy"]["type"]) == (1, "Recreate")
    (container,) = spec["template"]["spec"]["containers"]
    assert parse_chat_command(container["command"]) == ("serve", list(CONTEXTS))
    assert container["volumeMounts"] == [{"name": "data", "mountPath": "/var/lib/hexchat"}]
    assert ingress_routes("monolith") == {("/", "Prefix"): "chat", ("/api/v1/uploads", "Prefix"): "chat"}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_container_runs_an_image_of_the_project(overlay: str) -> None:
    for manifest, container in containers(overlay, image=None):
        assert container["image"] in STAGES, manifest["metadata"]["name"]


def test_each_context_is_a_deployment_migrated_by_a_job() -> None:
    deployments, jobs = of_kind("microservices", "Deployment"), of_kind("microservices", "Job")
    assert set(deployments) == {*CONTEXTS, "web"}
    assert set(jobs) == {f"{context}-migrate" for context in CONTEXTS}
    for context in CONTEXTS:
        (server,) = deployments[context]["spec"]["template"]["spec"]["containers"]
        (migration,) = jobs[f"{context}-migrate"]["spec"]["template"]["spec"]["containers"]
        assert server["command"] == ["chat", "serve", "--context", context, "--no-migrate"]
        assert parse_chat_command(migration["command"]) == ("migrate", [context])
        database = f"{context.upper()}_DATABASE_URL"
        assert [v["name"] for v in server["env"] if v["name"].endswith("_DATABASE_URL")] == [database]
        assert [v["name"] for v in migration["env"]] == [database]


def gateway_routes() -> dict[tuple[str, str], str]:
    """The same table read from the gateway of compose and `make run-services`: nginx's
    `location = PATH` is an exact match, `location PATH` a prefix; a location that passes requests
    on names its context, and one that serves files (`try_files`) is the web client, `web`."""
    template = re.sub(r"\$\{\w+\}", "", GATEWAY_TEMPLATE.read_text())  # a placeholder's braces are no block
    locations = re.findall(r"location\s+(=\s+)?(/\S*)\s*\{([^{}]*)", template)
    routes = {}
    for exact, path, directives in locations:
        if upstream := re.search(r"proxy_pass\s+http://(\w+);", directives):
            routes[path, "Exact" if exact else "Prefix"] = upstream[1]
        elif "try_files" in directives:
            routes[path, "Exact" if exact else "Prefix"] = "web"
    return routes


def gateway_upload_limit() -> str:
    (uploads,) = re.findall(r"location /api/v1/uploads \{([^{}]*)\}", GATEWAY_TEMPLATE.read_text())
    assert "proxy_request_buffering off;" in uploads
    limit = re.search(r"client_max_body_size (\w+);", uploads)
    assert limit is not None
    return limit[1]


def test_the_ingress_routes_each_path_as_the_gateway_does() -> None:
    routes = ingress_routes("microservices")
    assert routes == gateway_routes()
    assert set(routes.values()) == {*CONTEXTS, "web"}


def test_web_runs_the_gateway_image_with_every_upstream_set_to_a_context() -> None:
    ((deployment, container),) = list(containers("microservices", GATEWAY_IMAGE))
    assert deployment["metadata"]["name"] == "web"
    environment = {variable["name"]: variable["value"] for variable in container["env"]}
    assert set(environment) == gateway_variables_to_set()
    for variable, value in environment.items():
        if variable.endswith("_UPSTREAM"):
            assert value == f"{variable.removesuffix('_UPSTREAM').lower()}:8000", variable
    assert container["ports"] == [{"name": "http", "containerPort": int(environment["GATEWAY_PORT"])}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe] == {"httpGet": {"path": "/healthz", "port": "http"}}


def test_realtime_and_messaging_scale_horizontally() -> None:
    deployments = of_kind("microservices", "Deployment")
    autoscalers = of_kind("microservices", "HorizontalPodAutoscaler")
    assert {a["spec"]["scaleTargetRef"]["name"] for a in autoscalers.values()} == {"realtime", "messaging"}
    for autoscaler in autoscalers.values():
        target = autoscaler["spec"]["scaleTargetRef"]
        deployment = deployments[target["name"]]
        assert (target["kind"], target["apiVersion"]) == ("Deployment", deployment["apiVersion"])
        assert "replicas" not in deployment["spec"], "the autoscaler owns the replica count"
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            assert "cpu" in container["resources"]["requests"], "CPU utilisation needs a request"


def test_messaging_keeps_its_files_in_a_bucket_with_the_credentials_of_a_secret() -> None:
    (server,) = of_kind("microservices", "Deployment")["messaging"]["spec"]["template"]["spec"]["containers"]
    files = of_kind("microservices", "ConfigMap")["hexchat-files"]["data"]
    assert files["FILES_S3_BUCKET"]
    assert {"configMapRef": {"name": "hexchat-files"}} in server["envFrom"]
    credentials = {
        v["name"]: v["valueFrom"]["secretKeyRef"]["name"] for v in server["env"] if "valueFrom" in v
    }
    assert credentials["AWS_ACCESS_KEY_ID"] == credentials["AWS_SECRET_ACCESS_KEY"] == "hexchat-files"


def test_secret_values_are_marked_as_placeholders() -> None:
    for overlay in OVERLAYS:
        for name, secret in of_kind(overlay, "Secret").items():
            for key, value in secret["stringData"].items():
                assert "REPLACE-ME" in value, f"{name}.{key}"
