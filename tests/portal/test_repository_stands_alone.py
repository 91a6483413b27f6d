"""The repository stands alone: a fresh clone with nothing beside it runs its tests and bench.

Nothing tracked may point outside the checkout (the project was once developed with a
`shared` directory beside it), and every file the tests and the benchmark read lives inside.
"""

import importlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import REPO

# Spelled in pieces so that this file does not match itself.
SIBLING = "shared"
FORBIDDEN = (
    "../" + SIBLING + "/",
    "..\\" + SIBLING + "\\",
    'parent / "' + SIBLING + '"',
    "parents[2] / '" + SIBLING + "'",
    "/work/" + SIBLING,
    "/work/" + "main/",
)

UNTRACKED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".ruff_cache"}


def tracked_files() -> list[Path]:
    """The files git tracks; without git (an exported tarball), every file but build output."""
    git = shutil.which("git")
    try:
        listing = subprocess.run(  # noqa: S603 - fixed argv
            [git or "git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        files = []
        for directory, subdirs, names in os.walk(REPO):
            subdirs[:] = [d for d in subdirs if d not in UNTRACKED_DIRS]
            files.extend(Path(directory) / name for name in names)
        return files
    return [REPO / name for name in listing.split("\0") if name]


def test_no_tracked_file_refers_to_anything_beside_the_repository():
    files = tracked_files()
    assert len(files) > 100, "the listing found too few files to be the repository"
    offenders = []
    for path in files:
        if not path.is_file():  # deleted in the working tree, not yet committed
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(REPO)}: {needle}" for needle in FORBIDDEN if needle in text
        ]
    assert offenders == []


# Every module-level path that the tests and the benchmark read their data from.
DATA_PATH_MODULES = ("tests.paths", "bench.search_relevance")


def data_paths():
    for module_name in DATA_PATH_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, Path):
                yield pytest.param(value, id=f"{module_name}.{name}")


@pytest.mark.parametrize("path", list(data_paths()))
def test_every_data_path_of_the_tests_and_bench_exists_inside_the_repository(path):
    assert path.resolve().is_relative_to(REPO)
    assert path.exists()


@pytest.mark.parametrize(
    "relative",
    ["bench/corpus/measures.jsonl", "bench/corpus/README.md", "docs/design.md"],
)
def test_the_corpus_and_the_design_brief_are_part_of_the_repository(relative):
    path = REPO / relative
    assert path.is_file()
    assert path in tracked_files() or not (REPO / ".git").exists()
