"""deploy/compose.yaml, checked offline against the code and the other deployment files: it
runs commands `chat` accepts, sets only real settings, and starts each process after what it
needs."""

import re
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from runtime.contexts import CONTEXTS
from tests.deploy.commands import assert_settings, parse_chat_command
from tests.deploy.images import (
    DEPLOY,
    GATEWAY_IMAGE,
    IMAGE,
    STAGES,
    dockerfile_instructions,
    environment,
    gateway_variables_to_set,
)

COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
PINNED_OFFICIAL_IMAGE = re.compile(r"^((apache|minio)/)?[a-z]+:(\d+(\.\d+)*|RELEASE\.[0-9TZ-]+)$")
"""A version, or MinIO's release of a moment: never a tag that moves, as `latest` does."""


def in_profile(profile: str) -> dict[str, dict[str, Any]]:
    return {name: service for name, service in SERVICES.items() if profile in service["profiles"]}


def runs_hexchat(service: dict[str, Any]) -> bool:
    return bool(service["image"] == IMAGE)


def runs_once(service: dict[str, Any]) -> bool:
    """A migration, or the making of a bucket: it does its work and exits."""
    return bool(service.get("restart") == "no")


def test_every_service_belongs_to_one_topology() -> None:
    profiles = {name: service["profiles"] for name, service in SERVICES.items()}
    assert all(len(names) == 1 for names in profiles.values()), profiles
    assert {names[0] for names in profiles.values()} == {"monolith", "microservices"}


def test_the_images_of_the_project_are_built_from_the_dockerfile_and_others_are_pinned() -> None:
    for name, service in SERVICES.items():
        if service["image"] in STAGES:
            build = {"context": "..", "dockerfile": "deploy/Dockerfile"}
            if service["image"] != IMAGE:  # the application is the last stage, built without a target
                build["target"] = STAGES[service["image"]]
            assert service["build"] == build, name
        else:
            assert "build" not in service, name
            assert PINNED_OFFICIAL_IMAGE.match(service["image"]), f"{name}: {service['image']}"


def test_the_monolith_serves_every_context_from_one_container_with_its_data_on_a_volume() -> None:
    (service,) = in_profile("monolith").values()
    assert parse_chat_command(service["command"]) == ("serve", list(CONTEXTS))
    assert service["ports"] == ["8000:8000"]
    assert service["volumes"] == ["chat-data:/var/lib/hexchat"]
    assert environment(STAGES[IMAGE])["DATA_DIR"] == "/var/lib/hexchat"


def test_each_context_is_served_after_its_own_migration() -> None:
    services = in_profile("microservices")
    served: dict[str, dict[tuple[str, ...], str]] = {}
    for name, service in services.items():
        if runs_hexchat(service):
            command, contexts = parse_chat_command(service["command"])
            served.setdefault(command, {})[tuple(contexts)] = name
    assert served["serve"] == {(context,): context for context in CONTEXTS}
    assert served["migrate"] == {(context,): f"{context}-migrate" for context in CONTEXTS}
    for context in CONTEXTS:
        service, migration = services[context], services[f"{context}-migrate"]
        assert "--no-migrate" in service["command"]
        assert service["depends_on"][f"{context}-migrate"] == {"condition": "service_completed_successfully"}
        assert service["environment"] == migration["environment"]
        assert migration["restart"] == "no"


def test_realtime_runs_twice() -> None:
    assert SERVICES["realtime"]["deploy"]["replicas"] == 2


def test_the_application_sets_only_real_settings() -> None:
    for service in SERVICES.values():
        if runs_hexchat(service):
            assert_settings(service.get("environment", {}))


def test_each_context_has_its_own_database_created_by_the_init_script() -> None:
    script = (DEPLOY / "postgres" / "create-databases.sql").read_text()
    created = set(re.findall(r"CREATE DATABASE (\w+);", script))
    assert created == set(CONTEXTS)
    for context in CONTEXTS:
        environment = SERVICES[context]["environment"]
        assert [name for name in environment if name.endswith("_DATABASE_URL")] == [
            f"{context.upper()}_DATABASE_URL"
        ]
        url = make_url(environment[f"{context.upper()}_DATABASE_URL"])
        assert (url.drivername, url.host, url.database) == ("postgresql+asyncpg", "postgres", context)


def test_services_start_only_after_what_they_depend_on_is_healthy() -> None:
    for name, service in SERVICES.items():
        for target, condition in service.get("depends_on", {}).items():
            assert service["profiles"] == SERVICES[target]["profiles"], f"{name} -> {target}"
            expected = "service_completed_successfully" if runs_once(SERVICES[target]) else "service_healthy"
            assert condition == {"condition": expected}, f"{name} -> {target}"


def assert_has_healthcheck(name: str) -> None:
    service = SERVICES[name]
    if runs_hexchat(service):
        (healthcheck,) = dockerfile_instructions(STAGES[IMAGE])["HEALTHCHECK"]
        assert "/healthz" in healthcheck
    else:
        assert service["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name


@pytest.mark.parametrize("name", [n for n, s in SERVICES.items() if not runs_once(s)])
def test_every_long_running_service_has_a_healthcheck(name: str) -> None:
    assert_has_healthcheck(name)


def test_the_gateway_renders_its_template_with_every_upstream_set_to_a_service() -> None:
    gateway = SERVICES["gateway"]
    assert gateway["image"] == GATEWAY_IMAGE
    assert set(gateway["environment"]) == gateway_variables_to_set()
    for variable, value in gateway["environment"].items():
        if variable.endswith("_UPSTREAM"):
            host, port = value.split(":")
            assert host in SERVICES, variable
            assert port == "8000", variable
            assert gateway["depends_on"][host] == {"condition": "service_healthy"}
    assert gateway["ports"] == [f"8080:{gateway['environment']['GATEWAY_PORT']}"]


def test_mounted_files_exist() -> None:
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).is_file(), source


def test_messaging_keeps_its_files_in_the_bucket_made_in_minio() -> None:
    environment = SERVICES["messaging"]["environment"]
    bucket = SERVICES["files-bucket"]
    endpoint = f"http://{environment['AWS_ACCESS_KEY_ID']}:{environment['AWS_SECRET_ACCESS_KEY']}@minio:9000"
    minio = SERVICES["minio"]["environment"]
    assert (minio["MINIO_ROOT_USER"], minio["MINIO_ROOT_PASSWORD"]) == (
        environment["AWS_ACCESS_KEY_ID"],
        environment["AWS_SECRET_ACCESS_KEY"],
    )
    assert environment["FILES_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert bucket["environment"]["MC_HOST_minio"] == endpoint
    assert bucket["command"] == ["mb", "--ignore-existing", f"minio/{environment['FILES_S3_BUCKET']}"]
    assert SERVICES["messaging"]["depends_on"]["files-bucket"] == {
        "condition": "service_completed_successfully"
    }
    assert bucket["depends_on"]["minio"] == {"condition": "service_healthy"}
