"""PostgreSQL proofs of portal/sql/roles.sql: a breach of the public tier cannot reach staff.

After `migrate` and both roles.sql files (applied under throwaway role names, inside the
test's transaction), these tests prove, by enumerating every table and column:
- what `portal_public` may SELECT, INSERT, UPDATE and DELETE is exactly the reviewed
  allowlist below, so a table that a later migration adds fails here until reviewed;
- it is refused every staff secret (passwords, OTP devices and tokens, sessions, the
  django-axes tables, the staff audit log);
- a table created after roles.sql is invisible to it, and usable by `portal_staff`;
- the whole public tier (a crawl of both languages, search, finder, feeds, API, a
  document, an image rendition and a booking with its cancellation) runs under
  `portal_public` + `intake_public`;
- a dump of everything it can read holds no planted secret or personal data;
- the staff audit log is append-only for `portal_staff`;
- the public tier refuses to start with a superuser or owner connection.

Skipped on SQLite (CI runs the suite again on PostgreSQL, see .ci/run).
"""

import re
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import DatabaseError, connections, transaction
from django.test import Client, override_settings
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.models import Reservation
from portal import dbroles
from portal.accounts.models import StaffAuditEntry
from tests.intake import leak_probe
from tests.intake.factories import PERSONAL as BOOKING
from tests.tiers import use_tier

BASE = Path(settings.BASE_DIR)
PORTAL_ROLES_SQL = BASE / "portal" / "sql" / "roles.sql"
INTAKE_ROLES_SQL = BASE / "intake" / "sql" / "roles.sql"


def on_postgres(alias):
    return connections[alias].vendor == "postgresql"


needs_postgres = pytest.mark.skipif(
    not (on_postgres("default") and on_postgres("intake")),
    reason="needs PostgreSQL for both databases (DATABASE_URL and INTAKE_DATABASE_URL)",
)
pytestmark = [
    pytest.mark.postgres,
    needs_postgres,
    pytest.mark.django_db(databases=["default", "intake"]),
]

ALL = "*"

# The reviewed allowlist of portal_public: table -> ALL (table privilege) or the columns.
# Adding a table here is a security decision: it must hold nothing secret or personal.
PUBLIC_SELECT = {
    table: ALL
    for table in (
        "django_content_type",
        "wagtailcore_locale",
        "wagtailcore_site",
        "wagtailcore_page",
        "wagtailcore_collection",
        "wagtailcore_pageviewrestriction",
        "wagtailcore_pageviewrestriction_groups",
        "wagtailcore_collectionviewrestriction",
        "wagtailcore_collectionviewrestriction_groups",
        "wagtailredirects_redirect",
        "wagtaildocs_document",
        "wagtailimages_image",
        "wagtailimages_rendition",
        "wagtailsearch_indexentry",
        "home_homepage",
        "home_contentpage",
        "home_centerinfo",
        "home_sitesettings",
        "measures_measureindexpage",
        "measures_measurepage",
        "measures_purpose",
        "measures_measurepurpose",
        "measures_measureindustry",
        "schedule_schedulepage",
        "schedule_venue",
        "schedule_touringsession",
        "schedule_slot",
        "portal_search_synonymgroup",
        "portal_search_searchquerystat",
        # Reference, slot, status, token hash, categories: nothing that names anyone.
        "intake_reservation",
    )
}
PUBLIC_INSERT = {
    "intake_reservation": ALL,
    "portal_search_searchquerystat": ALL,
    "wagtailimages_rendition": ALL,
}
PUBLIC_UPDATE = {
    "schedule_slot": {"taken"},
    "intake_reservation": {"status", "cancelled_by", "cancelled_at"},
    "portal_search_searchquerystat": {"count", "zero_result_count", "click_count"},
}
PUBLIC_DELETE = {}
PUBLIC_SEQUENCES = {
    "intake_reservation_id_seq",
    "portal_search_searchquerystat_id_seq",
    "wagtailimages_rendition_id_seq",
}

# Staff secrets: whole tables by name pattern (so a new OTP, axes or accounts table is
# covered without being named), and columns of tables the public tier must never read.
SECRET_TABLE_PATTERNS = (
    r"^auth_user$",
    r"^otp_",
    r"^django_session$",
    r"^axes_",
    r"^accounts_",
)
SECRET_COLUMNS = {"auth_user": ["password"]}
STAFF_APPEND_ONLY = {"accounts_staffauditentry"}


def _script(path, names):
    text = path.read_text(encoding="utf-8")
    for role, unique in names.items():
        text = re.sub(rf"\b{role}\b", unique, text)
    return text


@pytest.fixture
def roles():
    """Both roles.sql files under unique role names, inside the test's transaction.

    The transaction rolls back at the end of the test, taking the roles, their
    privileges and any SET ROLE with it.
    """
    suffix = uuid.uuid4().hex[:10]
    names = {
        "portal_public": f"t_portal_public_{suffix}",
        "portal_staff": f"t_portal_staff_{suffix}",
        "intake_public": f"t_intake_public_{suffix}",
        "intake_staff": f"t_intake_staff_{suffix}",
    }
    with connections["default"].cursor() as cursor:
        cursor.execute(_script(PORTAL_ROLES_SQL, names))
        # Re-runnable: a second run changes nothing and fails on nothing.
        cursor.execute(_script(PORTAL_ROLES_SQL, names))
    with connections["intake"].cursor() as cursor:
        cursor.execute(_script(INTAKE_ROLES_SQL, names))
    return names


@contextmanager
def as_role(default_role, intake_role=None):
    pairs = [("default", default_role)] + ([("intake", intake_role)] if intake_role else [])
    for alias, role in pairs:
        with connections[alias].cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
    try:
        yield
    finally:
        for alias, _role in pairs:
            with connections[alias].cursor() as cursor:
                cursor.execute("RESET ROLE")


def refused(sql, *params, alias="default"):
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute(sql, params or None)
            if cursor.description:
                cursor.fetchall()
    except DatabaseError as exc:
        return "permission denied" in str(exc)
    return False


def tables(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1"
        )
        return [name for (name,) in cursor.fetchall()]


def privileges(role, privilege, alias="default"):
    """{table: ALL or set of columns} on which `role` holds `privilege`, over every table."""
    on_column = privilege in ("SELECT", "INSERT", "UPDATE", "REFERENCES")
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, has_table_privilege(%(role)s, c.oid, %(privilege)s), "
            "  array_agg(a.attname ORDER BY a.attnum) FILTER ("
            "    WHERE %(on_column)s "
            "    AND has_column_privilege(%(role)s, c.oid, a.attnum, %(privilege)s)) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "GROUP BY c.relname, c.oid",
            {"role": role, "privilege": privilege, "on_column": on_column},
        )
        result = {}
        for table, whole, columns in cursor.fetchall():
            if whole:
                result[table] = ALL
            elif columns:
                result[table] = set(columns)
        return result


def sequence_privileges(role, alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, p FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
            "unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) p "
            "WHERE n.nspname = 'public' AND c.relkind = 'S' "
            "AND has_sequence_privilege(%s, c.oid, p)",
            [role],
        )
        return {(name, privilege) for name, privilege in cursor.fetchall()}


def select(table, what="*"):
    """A SELECT of a table named by pg_catalog (never by user input)."""
    return f'SELECT {what} FROM "{table}"'  # noqa: S608


def secret_tables():
    return [t for t in tables() if any(re.search(p, t) for p in SECRET_TABLE_PATTERNS)]


# --- (a) the allowlist, exactly ----------------------------------------------------------


def test_portal_public_privileges_are_exactly_the_reviewed_allowlist(roles):
    public = roles["portal_public"]
    assert privileges(public, "SELECT") == PUBLIC_SELECT
    assert privileges(public, "INSERT") == PUBLIC_INSERT
    assert privileges(public, "UPDATE") == PUBLIC_UPDATE
    assert privileges(public, "DELETE") == PUBLIC_DELETE
    for privilege in ("TRUNCATE", "REFERENCES", "TRIGGER"):
        assert privileges(public, privilege) == {}, privilege
    assert sequence_privileges(public) == {(name, "USAGE") for name in PUBLIC_SEQUENCES}
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT has_schema_privilege(%s, 'public', 'CREATE'), "
            "has_database_privilege(%s, current_database(), 'CREATE')",
            [public, public],
        )
        assert cursor.fetchone() == (False, False)


def test_intake_public_may_only_insert_sealed_submissions(roles):
    intake_public = roles["intake_public"]
    assert privileges(intake_public, "SELECT", alias="intake") == {}
    assert privileges(intake_public, "INSERT", alias="intake") == {
        "intake_vault_sealedsubmission": ALL
    }
    for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
        assert privileges(intake_public, privilege, alias="intake") == {}


def test_portal_staff_reads_and_writes_everything_but_the_audit_log_is_append_only(roles):
    staff = roles["portal_staff"]
    every = set(tables())
    dml = every - STAFF_APPEND_ONLY - {"django_migrations"}
    assert privileges(staff, "SELECT") == dict.fromkeys(every, ALL)
    assert privileges(staff, "INSERT") == dict.fromkeys(dml | STAFF_APPEND_ONLY, ALL)
    assert privileges(staff, "UPDATE") == dict.fromkeys(dml, ALL)
    assert privileges(staff, "DELETE") == dict.fromkeys(dml, ALL)
    entry = StaffAuditEntry.objects.create(event="login", username="someone")
    with as_role(staff):
        StaffAuditEntry.objects.create(event="logout", username="someone")
        assert StaffAuditEntry.objects.filter(username="someone").count() == 2
        assert refused("UPDATE accounts_staffauditentry SET detail = 'x' WHERE id = %s", entry.pk)
        assert refused("DELETE FROM accounts_staffauditentry WHERE id = %s", entry.pk)


# --- (b) staff secrets are refused ---------------------------------------------------------


def test_portal_public_is_refused_every_staff_secret_table_and_column(roles):
    secrets = secret_tables()
    # The tables the issue names are among them (a rename must not empty this test).
    for table in (
        "auth_user",
        "otp_totp_totpdevice",
        "otp_static_staticdevice",
        "otp_static_statictoken",
        "django_session",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "accounts_staffauditentry",
    ):
        assert table in secrets
    with as_role(roles["portal_public"]):
        for table in secrets:
            assert refused(select(table)), table
            assert refused(select(table, "count(*)")), table
        for table, columns in SECRET_COLUMNS.items():
            for column in columns:
                assert refused(select(table, f'"{column}"')), (table, column)


# --- (c) a later table is invisible --------------------------------------------------------


def test_a_table_created_after_roles_sql_is_unreadable_by_public_and_usable_by_staff(roles):
    with connections["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE later_migration_table (id serial PRIMARY KEY, note text)")
        cursor.execute("INSERT INTO later_migration_table (note) VALUES ('added later')")
    with as_role(roles["portal_public"]):
        assert refused("SELECT * FROM later_migration_table")
        assert refused("INSERT INTO later_migration_table (note) VALUES ('x')")
    with as_role(roles["portal_staff"]), connections["default"].cursor() as cursor:
        cursor.execute("INSERT INTO later_migration_table (note) VALUES ('by staff')")
        cursor.execute("SELECT count(*) FROM later_migration_table")
        assert cursor.fetchone() == (2,)


# --- (d) the whole public tier works under its roles ---------------------------------------


@pytest.fixture
def public_site(demo_site, booking_env, roles, tmp_path, settings):
    """The demo site plus a document, an image and a redirect, seen by the public roles."""
    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document.objects.create(
        title="申請様式", file=ContentFile(b"form", name="youshiki.txt")
    )
    image = Image.objects.create(title="会場", file=get_test_image_file())
    Redirect.objects.create(old_path="/old-page", redirect_link="/en/")
    return {"document": document, "image": image}


def test_the_whole_public_tier_runs_under_portal_public_and_intake_public(
    public_site, roles, public_tier
):
    failures = []

    def record(url, response):
        if response.status_code >= 500 or response.status_code == 403:
            failures.append((url, response.status_code))

    client = Client()
    with as_role(roles["portal_public"], roles["intake_public"]):
        mail.outbox.clear()
        done = leak_probe.book(client, BOOKING)
        assert client.get(done).status_code == 200
        token = re.search(r"/book/cancel/([^/\s]+)/", mail.outbox[0].body).group(1)
        assert client.get(f"/book/cancel/{token}/").status_code == 200
        assert client.post(f"/book/cancel/{token}/").status_code == 200
        assert Reservation.objects.get().status == Reservation.Status.CANCELLED
        pages = leak_probe.crawl(client, {}, [], on_response=record)
        for lang in ("", "/en"):
            for query in ("補助金", "subsidy", "zzzzzz-nothing"):
                record("search", client.get(f"{lang}/search/", {"q": query}))
                record("suggest", client.get(f"{lang}/search/suggest/", {"q": query[:2]}))
                click = client.post(f"{lang}/search/click/", {"q": query})
                assert click.status_code == 204
                record("click", click)
        document = public_site["document"]
        response = client.get(f"/documents/{document.pk}/{document.filename}")
        assert response.status_code == 200
        assert public_site["image"].get_rendition("fill-20x20").width == 20
        assert client.get("/old-page").status_code == 301
        assert client.get("/no-such-page/").status_code == 404
    assert pages > 50
    assert failures == []


# --- (e) a dump of everything portal_public can read --------------------------------------

MARKERS = {
    "password hash": "md5$MKPWSALT$0123456789abcdef0123456789abcdef",
    "totp key": "4d4b544f54504b4559" + "ab" * 11,
    "static token": "mkstatic9",
    "session key": "mksessionkey0123456789abcdefghij",
    "session data": "MKSESSIONDATA",
    "audit username": "mk-audit-user",
    "staff email": "mk-staff@example.jp",
    "booking name": "氏名MKDUMP",
    "booking business": "商店MKDUMP",
    "booking email": "mkdump@example.jp",
    "booking phone": "090-7777-3131",
    "booking text": "相談MKDUMP資金繰り",
}


def plant_secrets():
    user = get_user_model().objects.create(
        username="mk-staff",
        email=MARKERS["staff email"],
        password=MARKERS["password hash"],
        is_staff=True,
    )
    TOTPDevice.objects.create(user=user, name="totp", key=MARKERS["totp key"], confirmed=True)
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.create(device=static, token=MARKERS["static token"])
    Session.objects.create(
        session_key=MARKERS["session key"],
        session_data=MARKERS["session data"],
        expire_date=timezone.now() + timedelta(days=1),
    )
    StaffAuditEntry.objects.create(event="login", username=MARKERS["audit username"])


def dump(alias):
    """Every row of every column the connection's current role may read, as text."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT current_user")
        (role,) = cursor.fetchone()
    readable = privileges(role, "SELECT", alias=alias)
    texts = []
    with connections[alias].cursor() as cursor:
        for table, columns in sorted(readable.items()):
            selected = "*" if columns == ALL else ", ".join(f'"{c}"' for c in sorted(columns))
            cursor.execute(select(table, selected))
            texts.extend(repr(row) for row in cursor.fetchall())
    return readable, "\n".join(texts)


def test_a_dump_of_everything_portal_public_can_read_holds_no_secret_or_personal_data(
    demo_site, booking_env, roles, public_tier
):
    plant_secrets()
    booking_markers = {
        "business_name": MARKERS["booking business"],
        "contact_name": MARKERS["booking name"],
        "contact_name_kana": "マーカー",
        "phone": MARKERS["booking phone"],
        "email": MARKERS["booking email"],
        "consultation": MARKERS["booking text"],
    }
    with as_role(roles["portal_public"], roles["intake_public"]):
        leak_probe.book(Client(), booking_markers)
        readable, text = dump("default")
        intake_readable, intake_text = dump("intake")
    assert "intake_reservation" in readable  # the booking's own row was dumped
    assert intake_readable == {}
    assert intake_text == ""
    leaked = [name for name, value in MARKERS.items() if value in text]
    assert leaked == []
    # Control: the same dump taken as the owner finds the planted values stored as typed
    # (OTP keys and backup tokens may be stored encrypted or hashed, so not these).
    _, owner_text = dump("default")
    stored_plain = ["password hash", "session key", "session data", "audit username", "staff email"]
    assert [name for name in stored_plain if MARKERS[name] in owner_text] == stored_plain


# --- start-up refusal ---------------------------------------------------------------------


def test_privileged_connections_are_named_and_restricted_roles_pass(roles):
    assert dbroles.privilege_problems("default")  # the test runs as a superuser
    with as_role(roles["portal_public"], roles["intake_public"]):
        assert dbroles.privilege_problems("default") == []
        assert dbroles.privilege_problems("intake") == []
    with connections["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE owned_by_public (id int)")
        cursor.execute(f'ALTER TABLE owned_by_public OWNER TO "{roles["portal_public"]}"')
    with as_role(roles["portal_public"]):
        [problem] = dbroles.privilege_problems("default")
    assert "owns 1 table" in problem


def test_the_production_public_tier_refuses_to_start_as_a_superuser(roles):
    production_public = override_settings(PORTAL_ENV="production", PORTAL_TIER="public")
    with production_public, pytest.raises(ImproperlyConfigured, match="superuser"):
        dbroles.check_public_tier_connections()
    with use_tier("staff"), override_settings(PORTAL_ENV="production"):
        dbroles.check_public_tier_connections()  # the staff tier is not checked here
