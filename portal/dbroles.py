"""The public tier refuses to start with a privileged database connection.

A breach of the public tier must not reach staff data (issue 13): in production the
public tier connects as `portal_public` (default database) and `intake_public` (intake
database), the restricted roles of portal/sql/roles.sql and intake/sql/roles.sql. If a
deployment gives it a superuser, a role that bypasses row-level security or the owner
of the tables instead, those limits are gone without anyone noticing; so `portal.wsgi`
calls `refuse_privileged_public_connections()` at start-up and the process stops with
ImproperlyConfigured. See docs/deploy.md.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

# One row: the connection's role, whether it is a superuser, whether it bypasses
# row-level security, and how many tables of the public schema it owns (directly or
# through membership of the owning role).
PRIVILEGE_QUERY = """
    SELECT r.rolname, r.rolsuper, r.rolbypassrls,
           (SELECT count(*) FROM pg_tables t
            WHERE t.schemaname = 'public'
              AND pg_has_role(current_user, t.tableowner, 'USAGE'))
    FROM pg_roles r WHERE r.rolname = current_user
"""


def privilege_problems(alias: str) -> list[str]:
    """What makes the connection `alias` too privileged for the public tier (empty if fine)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(PRIVILEGE_QUERY)
        role, superuser, bypass_rls, owned = cursor.fetchone()
    problems = []
    if superuser:
        problems.append(f"role {role!r} is a superuser")
    if bypass_rls:
        problems.append(f"role {role!r} bypasses row-level security")
    if owned:
        problems.append(f"role {role!r} owns {owned} table(s)")
    return [f"database {alias!r}: {problem}" for problem in problems]


def check_public_tier_connections() -> None:
    """Raise ImproperlyConfigured if the production public tier connects too privileged."""
    if settings.PORTAL_TIER != "public" or getattr(settings, "PORTAL_ENV", "") != "production":
        return
    problems = [problem for alias in settings.DATABASES for problem in privilege_problems(alias)]
    if problems:
        raise ImproperlyConfigured(
            "The public tier must connect as its restricted roles (portal_public, "
            "intake_public; see docs/deploy.md), not as: " + "; ".join(problems)
        )


def refuse_privileged_public_connections() -> None:
    """The start-up check (portal.wsgi): check, then close what the check opened."""
    try:
        check_public_tier_connections()
    finally:
        # Checked before gunicorn forks its workers (preload_app): no connection, and no
        # connection pool with its threads, may be inherited by the workers.
        for connection in connections.all(initialized_only=True):
            connection.close()
            if hasattr(connection, "close_pool"):
                connection.close_pool()
