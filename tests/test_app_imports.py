"""The project's apps import each other in one direction only: no import cycle.

Every ``import`` and ``from ... import`` in the apps' Python files (module level or inside a
function, migrations included) is read with ``ast``, without importing anything, so the
test takes well under a second. An app may import only the apps ALLOWED lists for it; the
allowed graph itself has no cycle. docs/architecture.md, "Apps", draws the same map.
"""

import ast
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(settings.BASE_DIR)

# What each app may import, from the bottom up. core imports no app; portal (settings,
# URLconfs, the page cache, the demo site, staff accounts and documents) sits on top.
ALLOWED = {
    "core": set(),
    "search": {"core"},
    "home": {"core"},
    "measures": {"core", "search"},
    "schedule": {"core", "search"},
    "intake": {"core", "measures", "schedule"},
    "portal": {"core", "search", "home", "measures", "schedule", "intake"},
}

# Imports that go against the direction, each with its reason. Remove an entry when the
# import goes; the test fails on an entry that no longer matches anything.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _imports(path: Path):
    """(line, dotted module) for every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _cross_app_imports():
    """(app, file, line, module, imported app) for each import of another project app."""
    for app in ALLOWED:
        for path in sorted((ROOT / app).rglob("*.py")):
            for line, module in _imports(path):
                imported = module.partition(".")[0]
                if imported in ALLOWED and imported != app:
                    yield app, path.relative_to(ROOT).as_posix(), line, module, imported


CROSS_APP_IMPORTS = list(_cross_app_imports())


def test_every_app_directory_is_in_the_map():
    apps = {name.partition(".")[0] for name in settings.INSTALLED_APPS}
    project = {a for a in apps if (ROOT / a / "apps.py").exists()}
    assert project == set(ALLOWED)


def test_the_allowed_directions_have_no_cycle():
    try:
        order = list(TopologicalSorter(ALLOWED).static_order())
    except CycleError as error:
        pytest.fail(f"ALLOWED has a cycle: {error.args[1]}")
    assert order[0] == "core"
    assert order[-1] == "portal"


def test_measures_imports_nothing_from_home():
    from_home = [
        f"{f}:{n} {m}" for a, f, n, m, i in CROSS_APP_IMPORTS if (a, i) == ("measures", "home")
    ]
    assert from_home == []


def test_apps_import_only_in_the_allowed_direction():
    wrong = [
        f"{path}:{line} imports {module} ({app} may import {sorted(ALLOWED[app]) or 'no app'})"
        for app, path, line, module, imported in CROSS_APP_IMPORTS
        if imported not in ALLOWED[app] and (path, module) not in EXCEPTIONS
    ]
    assert wrong == []


def test_each_exception_still_exists():
    found = {(path, module) for _app, path, _line, module, _imported in CROSS_APP_IMPORTS}
    assert set(EXCEPTIONS) <= found, "an exception no longer applies: remove it"


def test_the_graph_of_actual_imports_has_no_cycle_but_the_exceptions():
    graph = defaultdict(set)
    for app, path, _line, module, imported in CROSS_APP_IMPORTS:
        if (path, module) not in EXCEPTIONS:
            graph[app].add(imported)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        pytest.fail(f"the apps import each other in a cycle: {error.args[1]}")
