"""The gateway as a local nginx: `deploy/gateway/default.conf.template`, rendered the way the
official nginx image renders it (envsubst of `${NAME}`), inside a main configuration that keeps
every file nginx writes in its working directory, so it runs without root and beside others."""

import os
import re
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from devstack.local import LocalServer, answers_healthz
from devstack.recipes import ServerNotInstalledError, which

TEMPLATE = Path(__file__).parents[1] / "deploy" / "gateway" / "default.conf.template"
_PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
_HOST = "127.0.0.1"
# nginx's table of file extensions to content types, for the web client's files: Debian's nginx
# packages install it where the official image has it.
_MIME_TYPES = Path("/etc/nginx/mime.types")


def render(port: int, upstreams: Mapping[str, Sequence[str]], web_client: Path) -> str:
    """The template with `GATEWAY_PORT`, each context's `<CONTEXT>_UPSTREAM` and `WEB_CLIENT_ROOT`
    filled in.

    A context running several instances lists them all: their addresses become one `server`
    line each, as a name resolving to every replica does in compose and Kubernetes.
    """
    values = {"GATEWAY_PORT": str(port), "WEB_CLIENT_ROOT": str(web_client.absolute())}
    values |= {f"{context.upper()}_UPSTREAM": "; server ".join(hosts) for context, hosts in upstreams.items()}
    return _PLACEHOLDER.sub(lambda placeholder: values[placeholder[1]], TEMPLATE.read_text())


def main_config(workdir: Path, site: Path) -> str:
    # Started by root, nginx runs its workers as `nobody` unless told otherwise, and `nobody` cannot
    # read a web client in a directory only root may enter (a checkout in /root, pytest's tmp_path).
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
pid {workdir}/nginx.pid;
error_log stderr notice;
events {{ worker_connections 1024; }}
http {{
    access_log /dev/stdout;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    include {_MIME_TYPES};
    default_type application/octet-stream;
    include {site};
}}
"""


def write_config(workdir: Path, port: int, upstreams: Mapping[str, Sequence[str]], web_client: Path) -> Path:
    """Writes the rendered gateway into `workdir`; answers the main configuration to start nginx with."""
    site = workdir / "default.conf"
    site.write_text(render(port, upstreams, web_client))
    config = workdir / "nginx.conf"
    config.write_text(main_config(workdir, site))
    return config


def nginx_argv(config: Path, *options: str) -> list[str]:
    if not _MIME_TYPES.is_file():
        raise ServerNotInstalledError(str(_MIME_TYPES))
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


def gateway(
    workdir: Path, port: int, upstreams: Mapping[str, Sequence[str]], web_client: Path
) -> LocalServer:
    """nginx in `workdir`, serving the web client built into `web_client`: a build made while it runs
    is served at once, and without one only the API answers."""
    url = f"http://{_HOST}:{port}"
    return LocalServer(
        name="gateway",
        url=url,
        port=port,
        argv=nginx_argv(write_config(workdir, port, upstreams, web_client)),
        workdir=workdir,
        probe=partial(answers_healthz, url),
    )
