"""Picks the environment module named by PORTAL_ENV (dev, test or production).

The tier modules (`public`, `staff`) import this and then apply their own
overlay, so every environment runs with either tier. See docs/architecture.md.
"""

import os

PORTAL_ENV = os.environ.get("PORTAL_ENV", "dev")

if PORTAL_ENV == "production":
    from .production import *  # noqa: F403
elif PORTAL_ENV == "test":
    from .test import *  # noqa: F403
elif PORTAL_ENV == "dev":
    from .dev import *  # noqa: F403
else:
    raise RuntimeError(f"PORTAL_ENV must be dev, test or production, not {PORTAL_ENV!r}")
