"""WSGI entry point. DJANGO_SETTINGS_MODULE picks the tier (portal.settings.public or .staff)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.public")
application = get_wsgi_application()

# The production public tier refuses a superuser or owner database connection (portal/dbroles.py).
from portal.dbroles import refuse_privileged_public_connections  # noqa: E402

refuse_privileged_public_connections()
