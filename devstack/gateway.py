"""The gateway as a local nginx: `deploy/gateway/default.conf.template`, rendered the way the
official nginx image renders it (envsubst of `${NAME}`), inside a main configuration that keeps
every file nginx writes in its working directory, so it runs without root and beside others."""

import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from devstack.local import LocalServer, answers_healthz
from devstack.recipes import which

TEMPLATE = Path(__file__).parents[1] / "deploy" / "gateway" / "default.conf.template"
_PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
_HOST = "127.0.0.1"


def render(port: int, upstreams: Mapping[str, Sequence[str]]) -> str:
    """The template with `GATEWAY_PORT` and each context's `<CONTEXT>_UPSTREAM` filled in.

    A context running several instances lists them all: their addresses become one `server`
    line each, as a name resolving to every replica does in compose and Kubernetes.
    """
    values = {"GATEWAY_PORT": str(port)}
    values |= {f"{context.upper()}_UPSTREAM": "; server ".join(hosts) for context, hosts in upstreams.items()}
    return _PLACEHOLDER.sub(lambda placeholder: values[placeholder[1]], TEMPLATE.read_text())


def main_config(workdir: Path, site: Path) -> str:
    return f"""daemon off;
pid {workdir}/nginx.pid;
error_log stderr notice;
events {{ worker_connections 1024; }}
http {{
    access_log /dev/stdout;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    include {site};
}}
"""


def write_config(workdir: Path, port: int, upstreams: Mapping[str, Sequence[str]]) -> Path:
    """Writes the rendered gateway into `workdir`; answers the main configuration to start nginx with."""
    site = workdir / "default.conf"
    site.write_text(render(port, upstreams))
    config = workdir / "nginx.conf"
    config.write_text(main_config(workdir, site))
    return config


def nginx_argv(config: Path, *options: str) -> list[str]:
    # `-e stderr`: without it nginx opens its packaged log file before reading the configuration.
    return [
        which("nginx", Path("/usr/sbin")),
        "-p",
        str(config.parent),
        "-c",
        str(config),
        "-e",
        "stderr",
        *options,
    ]


def gateway(workdir: Path, port: int, upstreams: Mapping[str, Sequence[str]]) -> LocalServer:
    url = f"http://{_HOST}:{port}"
    return LocalServer(
        name="gateway",
        url=url,
        port=port,
        argv=nginx_argv(write_config(workdir, port, upstreams)),
        workdir=workdir,
        probe=partial(answers_healthz, url),
    )
