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
        except ImportError:
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


def _location_errors(patch: Patch) -> list[checks.Error]:
    return [
        checks.Error(
            f"The framework patch '{patch.name}' names {reference}, which does not exist.",
            hint="Fix the entry in portal/patches/registry.py.",
            obj=reference,
            id="portal.E102",
        )
        for reference in (patch.location, patch.upstream)
        if not resolve(reference)
    ]


def check_framework_patches(app_configs=None, **kwargs) -> list[checks.Error]:
    errors = []
    for patch in PATCHES:
        errors += _version_errors(patch)
        errors += _location_errors(patch)
    return errors
