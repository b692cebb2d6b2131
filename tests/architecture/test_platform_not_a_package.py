"""`platform/` is a plain folder, so it can never shadow the standard library's `platform`.

uvicorn, pymongo, aiokafka and others import the standard `platform` module; a package of that
name ahead of it on `sys.path` would break them all.
"""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STDLIB = sysconfig.get_paths()["stdlib"]

# Runs in a fresh interpreter, where no test has imported `platform` already.
PROBE = """
import sys
repo, stdlib = sys.argv[1:]
assert sys.path.index(repo) < sys.path.index(stdlib), sys.path
import platform
print(platform.__file__)
print(platform.system())
"""


def test_the_platform_folder_is_not_a_package() -> None:
    assert (REPO / "platform").is_dir()
    assert not (REPO / "platform" / "__init__.py").exists()


def test_import_platform_finds_the_standard_library_though_the_repo_comes_first_on_sys_path() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, str(REPO), STDLIB],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    module_file, system = completed.stdout.splitlines()
    assert Path(module_file).parent == Path(STDLIB)
    assert system
