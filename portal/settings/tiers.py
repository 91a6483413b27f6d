"""What each tier sets differently from the environment, for tests that switch tiers.

Not an entry point: `tests.tiers.use_tier(name)` applies `overrides(name)` with
override_settings, to exercise either tier in one process. The overrides are read
from the entry points themselves (`portal.settings.public`, `.staff`): every setting
a tier module assigns rather than takes from the environment. So the tests and the
deployed tiers cannot drift apart.
"""

import copy
import importlib

from django.conf import global_settings

from . import env

TIERS = ("public", "staff")


def _module(tier: str):
    if tier not in TIERS:
        raise ValueError(f"No such tier: {tier!r} (one of {', '.join(TIERS)})")
    return importlib.import_module(f"portal.settings.{tier}")


def _assigned(module) -> set[str]:
    """The settings `module` assigns itself instead of taking them from the environment."""
    return {
        name
        for name, value in vars(module).items()
        if name.isupper() and getattr(env, name, None) is not value
    }


def overrides(tier: str) -> dict:
    """The settings of `tier` that either tier assigns itself, as fresh copies.

    Both tiers' names, so switching from one tier to the other also undoes what only
    the first one sets (a name the tier leaves alone takes the environment's value, or
    Django's default).
    """
    names = set().union(*(_assigned(_module(name)) for name in TIERS))
    module = _module(tier)
    return {
        name: copy.deepcopy(getattr(module, name, getattr(global_settings, name, None)))
        for name in sorted(names)
    }


def public() -> dict:
    return overrides("public")


def staff() -> dict:
    return overrides("staff")
