"""The images deploy/Dockerfile builds, by the names the deployment files run them under, and what
each one's stage holds, read from the Dockerfile."""

import re
from pathlib import Path

DEPLOY = Path(__file__).parents[2] / "deploy"

IMAGE = "hexchat:latest"
"""The application, run by every process of both topologies: the Dockerfile's stage `app`."""
GATEWAY_IMAGE = "hexchat-gateway:latest"
"""nginx with the gateway's template and the built web client: the Dockerfile's stage `gateway`."""
STAGES = {IMAGE: "app", GATEWAY_IMAGE: "gateway"}

GATEWAY_TEMPLATE = DEPLOY / "gateway" / "default.conf.template"


def dockerfile_instructions(stage: str) -> dict[str, list[str]]:
    """The arguments of each instruction of the stage `FROM ... AS stage`, continuation lines joined."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    for block in text.split("\nFROM ")[1:]:
        header, *lines = block.splitlines()
        if header.endswith(f" AS {stage}"):
            instructions: dict[str, list[str]] = {}
            for line in lines:
                if line and not line.startswith("#"):
                    keyword, _, arguments = line.partition(" ")
                    instructions.setdefault(keyword, []).append(arguments.strip())
            return instructions
    raise LookupError(f"deploy/Dockerfile has no stage {stage}")


def environment(stage: str) -> dict[str, str]:
    """The variables the stage's `ENV NAME=VALUE ...` instructions set (no value holds a space)."""
    pairs = " ".join(dockerfile_instructions(stage).get("ENV", [])).split()
    return dict(pair.split("=", 1) for pair in pairs)


def gateway_variables_to_set() -> set[str]:
    """The template's variables that whoever runs the gateway image sets: all but its own."""
    variables = set(re.findall(r"\$\{(\w+)\}", GATEWAY_TEMPLATE.read_text()))
    return variables - set(environment(STAGES[GATEWAY_IMAGE]))
