"""deploy/Dockerfile, read offline: the application image serves the monolith on its published
port, and both images hold the built web client where their settings say it is."""

import tomllib

import pytest

from tests.deploy.images import (
    DEPLOY,
    GATEWAY_IMAGE,
    GATEWAY_TEMPLATE,
    IMAGE,
    STAGES,
    dockerfile_instructions,
    environment,
)

WEB_BUILD = "/web/out"
"""Where the stage `web` builds the client: its working directory's `out/`."""


def test_the_image_serves_the_monolith_on_the_published_port() -> None:
    instructions = dockerfile_instructions(STAGES[IMAGE])
    assert instructions["CMD"] == ['["chat", "serve"]']
    assert instructions["EXPOSE"] == ["8000"]
    assert environment(STAGES[IMAGE]).items() >= {"PORT": "8000", "HOST": "0.0.0.0"}.items()
    assert instructions["USER"] == ["10001:10001"]


def test_a_build_without_a_target_makes_the_application_image() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert text.split("\nFROM ")[-1].splitlines()[0].endswith(f" AS {STAGES[IMAGE]}")


def test_the_web_client_is_built_from_its_locked_dependencies() -> None:
    runs = dockerfile_instructions("web")["RUN"]
    assert runs == ["npm ci --no-audit --no-fund", "npm run build"]


@pytest.mark.parametrize(
    ("image", "setting"), [(IMAGE, "WEB_CLIENT_DIR"), (GATEWAY_IMAGE, "WEB_CLIENT_ROOT")]
)
def test_each_image_holds_the_built_web_client_where_its_setting_points(image: str, setting: str) -> None:
    stage = STAGES[image]
    assert f"--from=web {WEB_BUILD} {environment(stage)[setting]}" in dockerfile_instructions(stage)["COPY"]


def test_the_gateway_image_renders_its_template_at_start() -> None:
    copies = dockerfile_instructions(STAGES[GATEWAY_IMAGE])["COPY"]
    assert f"deploy/gateway/{GATEWAY_TEMPLATE.name} /etc/nginx/templates/" in copies


def test_the_build_copies_the_folder_of_every_package_the_wheel_ships() -> None:
    """The image installs the project from what its build stage copied: a package moved to a folder
    the stage does not copy (or the build context leaves out) would be missing from the image."""
    packages = tomllib.loads((DEPLOY.parent / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"
    ]["wheel"]["packages"]
    folders = {package.split("/")[0] for package in packages}
    copied = {arguments.split()[0] for arguments in dockerfile_instructions("build")["COPY"]}
    context = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert folders <= copied
    assert {f"!{folder}" for folder in folders} <= set(context)
