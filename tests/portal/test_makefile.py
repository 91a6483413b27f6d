"""The Makefile: `make` alone lists the targets, and the targets that open the databases
create the data directory first (SQLite cannot create a missing directory: "unable to open
database file")."""

import re
import shutil
import subprocess

import pytest

from tests.paths import REPO

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def make(*args: str) -> str:
    return subprocess.run(  # noqa: S603 - fixed argv
        [MAKE, "--no-print-directory", *args], cwd=REPO, capture_output=True, check=True, text=True
    ).stdout


def phony_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.search(r"^\.PHONY:(.*)$", text, re.MULTILINE).group(1).split())


def test_make_alone_lists_every_target_with_a_description():
    listed = dict(re.findall(r"^  make (\S+) +(\S.*)$", make(), re.MULTILINE))
    assert set(listed) == phony_targets() - {"data-dir"}
    assert all(description.strip() for description in listed.values())


@pytest.mark.parametrize("target", ["run", "demo", "migrate", "compilemessages", "test", "bench"])
def test_targets_that_open_the_databases_create_the_data_directory_first(target, tmp_path):
    data_dir = tmp_path / "missing" / "var"
    commands = make("--dry-run", target, f"PORTAL_DATA_DIR={data_dir}")
    lines = commands.splitlines()
    mkdir = lines.index(f'mkdir -p "{data_dir}"')
    django = re.compile(r"manage\.py|-m (portal|pytest|bench)\b")
    first_django = next(i for i, line in enumerate(lines) if django.search(line))
    assert mkdir < first_django


def test_make_test_prints_the_slowest_ten_tests():
    commands = make("--dry-run", "test").splitlines()
    assert any("-m pytest --durations=10" in line for line in commands)
