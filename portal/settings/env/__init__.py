"""The environment named by PORTAL_ENV (dev, test or production): every setting but the tier's.

`base.py` holds what every environment shares; `dev.py`, `test.py` and `production.py`
each start from it. The tier entry points (`portal.settings.public`, `.staff`) start from
this package, so every environment runs with either tier. See docs/architecture.md.

Star imports, here and in the modules below: a Django settings module is read with
dir(), so each layer has to re-export every setting of the one beneath, and the star
import is that re-export. Each module imports by name every setting it reads itself, so
ruff sees every use (no F405) and only the re-export line carries `noqa: F403`.
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
