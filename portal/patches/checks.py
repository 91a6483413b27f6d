"""Start-up check: each framework patch runs against the version it was written for."""

import importlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.core import checks

from .registry import PATCHES, Patch

HINT = (
    "Re-read the upstream code the patch replaces, adjust the patch, then set its "
    "written_for in portal/patches/registry.py to the installed version "
    "(docs/architecture.md, 'Framework patches')."
)


def resolve(reference: str) -> bool:
    """Whether a registry reference ("module:Qual.name" or "package/path") exists."""
    if ":" in reference:
        module_name, _, qualname = reference.partition(":")
        try:
            target = importlib.import_module(module_name)
        except (ImportError, LookupError):  # LookupError: a model of another database vendor
            return False
        for part in qualname.split("."):
            if part not in vars(target):
                return False
            target = vars(target)[part]
        return True
    package, _, relative = reference.partition("/")
    try:
        module = importlib.import_module(package)
    except ImportError:
        return False
    return (Path(module.__file__).parent / relative).is_file()


def _installed(distribution: str) -> str | None:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def _version_errors(patch: Patch) -> list[checks.Error]:
    errors = []
    for distribution, written_for in patch.written_for.items():
        installed = _installed(distribution)
        if installed != written_for:
            errors.append(
                checks.Error(
                    f"{distribution} {installed or '(not installed)'} is installed, but the "
                    f"framework patch '{patch.name}' ({patch.location}) was written for "
                    f"{distribution} {written_for}.",
                    hint=HINT,
                    obj=patch.location,
                    id="portal.E101",
                )
            )
    return errors


def _upstream_errors(patch: Patch) -> list[checks.Error]:
    # Only the upstream: our own locations may lie outside a deployment (bench/), and
    # tests/portal/test_framework_patches.py proves that each of them exists.
    if not patch.applies() or resolve(patch.upstream):
        return []
    return [
        checks.Error(
            f"The framework patch '{patch.name}' patches {patch.upstream}, which the "
            "installed packages no longer have.",
            hint=HINT,
            obj=patch.upstream,
            id="portal.E102",
        )
    ]


def check_framework_patches(app_configs=None, **kwargs) -> list[checks.Error]:
    errors = []
    for patch in PATCHES:
        errors += _version_errors(patch)
        errors += _upstream_errors(patch)
    return errors
