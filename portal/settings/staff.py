"""The staff tier: Wagtail admin, intake console, two-factor login."""

from . import tiers
from .environment import *  # noqa: F403

globals().update(tiers.staff())
