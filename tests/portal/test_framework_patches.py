"""Framework patches are fenced: all listed in portal/patches/registry.py, checked at start-up.

The system check (portal.E101) fails when an installed package differs from the version a
patch was written for.  The scans below prove that the registry is complete: no framework
class is assigned to, no private framework attribute is used or overridden, no framework
template is copied and no framework table altered outside the registered locations.  Each
scan is also run against a planted violation, so that it is shown to catch one.
"""

import ast
import importlib
import inspect
import os
import pkgutil
import re
import sys
from pathlib import Path

from django.apps import apps
from django.core.checks.registry import registry as check_registry

import pytest

from portal.patches import checks as patch_checks
from portal.patches.checks import check_framework_patches, resolve
from portal.patches.registry import PATCHES, Patch
from tests.paths import REPO

REGISTRY = REPO / "portal" / "patches" / "registry.py"  # describes the SQL, runs none
# The patched packages, and the ones Wagtail builds its models and forms on.
FRAMEWORK = (
    "django",
    "wagtail",
    "wagtail_localize",
    "modelsearch",
    "treebeard",
    "modelcluster",
    "taggit",
)
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".ruff_cache", "tests"}
# Underscored but documented as public API (Django's Model _meta API and managers).
PUBLIC_UNDERSCORED = {"_meta", "_default_manager", "_base_manager"}
SQL_CHANGE = re.compile(r"\b(ALTER TABLE|CREATE (UNIQUE )?INDEX|DROP INDEX|UPDATE|INSERT INTO)\b")


def is_framework(module_name: str) -> bool:
    return module_name.split(".")[0] in FRAMEWORK


def source_files(root: Path = REPO, suffix: str = ".py") -> list[Path]:
    found = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        found += [Path(directory) / name for name in names if name.endswith(suffix)]
    return sorted(found)


def module_file(reference: str) -> Path:
    module = importlib.import_module(reference.partition(":")[0])
    return Path(module.__file__).resolve()


def owner_and_attribute(dotted: str):
    """The object that `dotted` names the attribute of, and that attribute's name."""
    parts = dotted.replace(":", ".").split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:-1]:
            owner = getattr(owner, part)
        attribute = parts[-1]
        if inspect.isclass(owner):  # the class that defines it (Page._get_path is treebeard's)
            owner = next((c for c in owner.__mro__ if attribute in vars(c)), owner)
        return owner, attribute
    raise LookupError(dotted)


# --- the check -------------------------------------------------------------------------


def test_the_check_passes_with_the_installed_versions():
    assert check_framework_patches() == []


def test_the_check_runs_at_start_up():
    assert check_framework_patches in check_registry.get_checks()


DISTRIBUTIONS = sorted({name for patch in PATCHES for name in patch.written_for})


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def test_another_installed_version_is_an_error_naming_the_package_and_each_patch(
    monkeypatch, distribution
):
    real = patch_checks.version
    monkeypatch.setattr(
        patch_checks,
        "version",
        lambda name: "0.0.0.other" if name == distribution else real(name),
    )
    errors = check_framework_patches()
    affected = [patch for patch in PATCHES if distribution in patch.written_for]
    assert affected
    assert len(errors) == len(affected)
    for error, patch in zip(errors, affected, strict=True):
        assert error.id == "portal.E101"
        assert error.is_serious()
        assert f"{distribution} 0.0.0.other is installed" in error.msg
        assert f"'{patch.name}'" in error.msg
        assert f"{distribution} {patch.written_for[distribution]}" in error.msg


def test_a_missing_package_is_an_error(monkeypatch):
    def missing(name):
        raise patch_checks.PackageNotFoundError(name)

    monkeypatch.setattr(patch_checks, "version", missing)
    errors = check_framework_patches()
    assert {error.id for error in errors} == {"portal.E101"}
    assert len(errors) == sum(len(patch.written_for) for patch in PATCHES)


def test_a_patch_whose_upstream_is_gone_is_an_error(monkeypatch):
    gone = Patch(
        name="gone",
        kind="override",
        written_for={},
        location="portal.sitemaps:MultilingualSitemap._urls",
        upstream="wagtail.admin/templates/no/such/template.html",
        changes="",
        why="",
    )
    monkeypatch.setattr(patch_checks, "PATCHES", (*PATCHES, gone))
    errors = check_framework_patches()
    assert [(error.id, error.obj) for error in errors] == [("portal.E102", gone.upstream)]
    assert "'gone'" in errors[0].msg


def test_resolve_tells_missing_objects_and_files():
    assert resolve("wagtail.admin.widgets:BaseChooser.render")
    assert not resolve("wagtail.admin.widgets:BaseChooser.no_such_method")
    assert not resolve("no_such_module:name")
    assert resolve("wagtail.admin/templates/wagtailadmin/widgets/date_input.html")
    assert not resolve("wagtail.admin/templates/wagtailadmin/widgets/no_such.html")


def pinned_versions() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        name, separator, pinned = line.split("#")[0].strip().partition("==")
        if separator:
            pins[name.lower()] = pinned
    return pins


@pytest.mark.parametrize("patch", PATCHES, ids=lambda patch: patch.name)
def test_each_patch_is_written_for_the_pinned_version(patch):
    pins = pinned_versions()
    assert patch.written_for
    for distribution, written_for in patch.written_for.items():
        assert pins[distribution.lower()] == written_for


@pytest.mark.parametrize("patch", PATCHES, ids=lambda patch: patch.name)
def test_each_patch_and_what_it_patches_exist(patch):
    if not patch.applies():
        pytest.skip(f"imports only with {patch.vendor}")
    assert resolve(patch.location), patch.location
    assert resolve(patch.upstream), patch.upstream
    assert patch.changes and patch.why


def test_patch_names_are_unique():
    assert len({patch.name for patch in PATCHES}) == len(PATCHES)


# --- scan: assignments to and private use of framework names ---------------------------


def framework_names(tree: ast.AST) -> dict[str, str]:
    """Local name -> dotted framework path, for every import of a framework module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_framework(alias.name):
                    if alias.asname:
                        names[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        names[top] = top
        elif (
            isinstance(node, ast.ImportFrom) and node.level == 0 and is_framework(node.module or "")
        ):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def dotted(node: ast.AST, names: dict[str, str]) -> str | None:
    """The framework path an expression like `BaseChooser.render` names, if any."""
    attributes = []
    while isinstance(node, ast.Attribute):
        attributes.insert(0, node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in names:
        return ".".join([names[node.id], *attributes])
    return None


def framework_patches_in(source: str) -> tuple[set[str], set[str]]:
    """(assigned framework attributes, private framework attributes used) in `source`."""
    tree = ast.parse(source)
    names = framework_names(tree)
    assigned, private = set(), set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in {
            "setattr",
            "delattr",
        }:
            owner = dotted(node.args[0], names) if node.args else None
            attribute = node.args[1] if len(node.args) > 1 else None
            if owner and isinstance(attribute, ast.Constant):
                assigned.add(f"{owner}.{attribute.value}")
            elif owner:
                assigned.add(f"{owner}.?")
        for target in targets:
            if isinstance(target, ast.Attribute) and (path := dotted(target, names)):
                assigned.add(path)
        if isinstance(node, ast.Attribute):
            is_private = node.attr.startswith("_") and not node.attr.startswith("__")
            path = dotted(node, names)
            if is_private and node.attr not in PUBLIC_UNDERSCORED and path:
                private.add(path)
    return assigned, private


def test_the_scan_finds_planted_monkey_patches_and_private_uses():
    planted = (
        "from wagtail.admin.widgets import BaseChooser\n"
        "import wagtail.models as models\n"
        "import django.forms\n"
        "BaseChooser.render = None\n"
        "models.Page.save += 1\n"
        "setattr(django.forms.Form, 'clean', None)\n"
        "models.ReferenceIndex._get_base_content_type(None)\n"
        "def f():\n"
        "    from modelsearch.backends.base import BaseSearchResults as R\n"
        "    R._do_count = None\n"
        "    return R._meta\n"
    )
    assigned, private = framework_patches_in(planted)
    assert assigned == {
        "wagtail.admin.widgets.BaseChooser.render",
        "wagtail.models.Page.save",
        "django.forms.Form.clean",
        "modelsearch.backends.base.BaseSearchResults._do_count",
    }
    assert private == {
        "wagtail.models.ReferenceIndex._get_base_content_type",
        "modelsearch.backends.base.BaseSearchResults._do_count",
    }


def registered_targets() -> set[tuple[Path, object, str]]:
    """(our file, patched owner, attribute) for every registered Python patch."""
    targets = set()
    for patch in PATCHES:
        if ":" in patch.upstream and patch.applies():
            owner, attribute = owner_and_attribute(patch.upstream)
            targets.add((module_file(patch.location), owner, attribute))
    return targets


def unregistered(paths: set[str], path: Path) -> list[str]:
    registered = registered_targets()
    missing = []
    for found in paths:
        owner, attribute = owner_and_attribute(found)
        if (path.resolve(), owner, attribute) not in registered:
            missing.append(f"{path.relative_to(REPO)}: {found}")
    return missing


def test_no_framework_attribute_is_assigned_or_used_privately_outside_the_registry():
    problems = []
    for path in source_files():
        assigned, private = framework_patches_in(path.read_text(encoding="utf-8"))
        problems += unregistered(assigned | private, path)
    assert problems == []


def test_the_registry_check_of_the_scan_rejects_an_unregistered_patch():
    elsewhere = REPO / "portal" / "sitemaps.py"
    assert unregistered({"wagtail.admin.widgets.BaseChooser.render"}, elsewhere)
    at_home = REPO / "portal" / "patches" / "choosers.py"
    assert unregistered({"wagtail.admin.widgets.BaseChooser.render"}, at_home) == []


# --- scan: private framework methods overridden in subclasses -------------------------


def in_repository(module) -> bool:
    path = Path(module.__file__).resolve()
    return path.is_relative_to(REPO) and path.relative_to(REPO).parts[0] not in SKIPPED_DIRS


def project_modules():
    other_vendors = {patch.location.partition(":")[0] for patch in PATCHES if not patch.applies()}
    packages = [config.module for config in apps.get_app_configs()]
    packages.append(importlib.import_module("bench"))
    modules = []
    for module in packages:
        if is_framework(module.__name__) or not in_repository(module):
            continue
        modules.append(module)
        for info in pkgutil.walk_packages(module.__path__, f"{module.__name__}."):
            if ".migrations." in info.name or info.name.endswith(".production"):
                continue
            if info.name in other_vendors:  # imports only with another database
                continue
            modules.append(importlib.import_module(info.name))
    return modules


def written_here(cls) -> bool:
    """Whether `cls` is defined in this repository (tests included), not an installed package."""
    path = Path(getattr(sys.modules.get(cls.__module__), "__file__", None) or "/").resolve()
    return path.is_relative_to(REPO) and path.relative_to(REPO).parts[0] not in {
        ".venv",
        "var",
        "node_modules",
    }


def private_overrides(classes) -> set[str]:
    """ "module:Class.attr" for each private framework attribute a project class redefines."""
    found = set()
    for cls in classes:
        for position, ours in enumerate(cls.__mro__):
            if not written_here(ours):
                continue
            theirs = [base for base in cls.__mro__[position + 1 :] if is_framework(base.__module__)]
            for attribute, value in vars(ours).items():
                if not attribute.startswith("_") or attribute.startswith("__"):
                    continue
                function = value.fget if isinstance(value, property) else value
                function = getattr(function, "__func__", function)
                if getattr(function, "__module__", None) != ours.__module__:
                    continue  # made by a metaclass (enum members, model _meta), not written here
                if any(attribute in vars(base) for base in theirs):
                    found.add(f"{ours.__module__}:{ours.__qualname__}.{attribute}")
    return found


def project_classes():
    from wagtail.search.backends import get_search_backend

    classes = [
        value
        for module in project_modules()
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
    ]
    backend = get_search_backend()
    classes += [
        type(backend),
        backend.index_class,
        backend.query_compiler_class,
        backend.autocomplete_query_compiler_class,
        backend.results_class,
    ]
    return classes


def test_no_private_framework_method_is_overridden_outside_the_registry():
    registered = {patch.location for patch in PATCHES}
    overrides = private_overrides(project_classes())
    assert "search.tiers:CountingResults._do_count" in overrides  # the scan sees mixins
    assert sorted(overrides - registered) == []


def test_the_override_scan_finds_a_planted_override():
    from modelsearch.backends.base import BaseSearchResults

    class Mixin:
        def _clone(self):
            return self

    class Planted(Mixin, BaseSearchResults):
        pass

    assert private_overrides([Planted]) == {f"{__name__}:{Mixin.__qualname__}._clone"}


# --- scan: copied framework templates ---------------------------------------------------


def framework_templates() -> set[str]:
    names = set()
    for package in FRAMEWORK:
        root = Path(importlib.import_module(package).__file__).parent
        for directory in root.rglob("templates"):
            if "project_template" in directory.parts:
                continue  # `wagtail start` scaffolding, never loaded
            names |= {
                path.relative_to(directory).as_posix()
                for path in directory.rglob("*")
                if path.is_file()
            }
    return names


def template_overrides(root: Path) -> set[str]:
    """Repository paths of our templates that take the name of a framework template."""
    upstream = framework_templates()
    found = set()
    for path in source_files(root, suffix=".html"):
        parts = path.relative_to(root).parts
        if "templates" not in parts:
            continue
        name = "/".join(parts[parts.index("templates") + 1 :])
        if name in upstream:
            found.add(path.relative_to(root).as_posix())
    return found


def test_no_framework_template_is_overridden_outside_the_registry():
    registered = {patch.location for patch in PATCHES if patch.kind == "template"}
    assert sorted(template_overrides(REPO) - registered) == []


def test_each_registered_template_copies_the_template_of_its_name(tmp_path):
    for patch in PATCHES:
        if patch.kind == "template":
            ours = patch.location.split("/templates/", 1)[1]
            assert patch.upstream.split("/templates/", 1)[1] == ours


def test_the_template_scan_finds_a_planted_copy(tmp_path):
    planted = tmp_path / "app" / "templates" / "wagtailadmin" / "widgets" / "date_input.html"
    planted.parent.mkdir(parents=True)
    planted.write_text("{{ widget }}")
    (tmp_path / "app" / "templates" / "app_own.html").write_text("")
    assert template_overrides(tmp_path) == {"app/templates/wagtailadmin/widgets/date_input.html"}


# --- scan: raw SQL on framework tables -------------------------------------------------


def framework_tables_and_labels() -> tuple[set[str], set[str]]:
    tables, labels = set(), set()
    for config in apps.get_app_configs():
        if is_framework(config.name):
            labels.add(config.label)
            tables |= {model._meta.db_table for model in config.get_models()}
    return tables, labels


def changes_framework_tables(source: str) -> bool:
    """Whether `source` holds SQL that changes a framework app's table."""
    tables, labels = framework_tables_and_labels()
    tree = ast.parse(source)
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    if not any(SQL_CHANGE.search(string) for string in strings):
        return False
    if any(table in string for string in strings for table in tables):
        return True
    for node in ast.walk(tree):  # apps.get_model("wagtailsearch", ...) in a migration
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "get_model":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and first.value in labels:
                return True
    return False


def test_no_framework_table_is_changed_by_raw_sql_outside_the_registry():
    registered = {module_file(patch.location) for patch in PATCHES if patch.kind == "raw-sql"}
    changing = {
        path.resolve()
        for path in source_files()
        if path != REGISTRY and changes_framework_tables(path.read_text(encoding="utf-8"))
    }
    assert changing, "the scan no longer sees the registered migrations"
    assert sorted(str(path) for path in changing - registered) == []


def test_the_raw_sql_scan_finds_a_planted_change():
    assert changes_framework_tables('SQL = "ALTER TABLE wagtailcore_page ADD COLUMN x int"')
    assert changes_framework_tables(
        'def f(apps, editor):\n    t = apps.get_model("wagtailcore", "Page")._meta.db_table\n'
        '    editor.execute(f"CREATE INDEX i ON {t} (title)")\n'
    )
    assert not changes_framework_tables('SQL = "ALTER TABLE intake_booking ADD COLUMN x int"')
