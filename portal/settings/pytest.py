"""Entry point for the pytest suite: the test environment, public tier by default.

Tests switch a request to the staff tier with `tests.tiers.use_tier("staff")`.
Live servers started by the suite inherit PORTAL_ENV=test.
"""

import os

os.environ["PORTAL_ENV"] = "test"

from .public import *  # noqa: F403
