"""The public tier: pages, search, finder, schedule, booking form, feeds, API."""

from . import tiers
from .environment import *  # noqa: F403

globals().update(tiers.public())
