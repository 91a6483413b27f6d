"""Run in a subprocess by test_booking_no_leak.py (not a test module itself).

Usage: python -m tests.intake.leak_probe MARKERS.json RESULTS.json LOG.txt

With PORTAL_DATA_DIR pointing at a fresh temporary directory (so both
databases are SQLite *files*), it migrates, loads the demo, books a slot on
the public tier with the given markers typed into every personal field while
capturing all logging at DEBUG (SQL included), then crawls every public page
it can reach and records where any marker appears. The parent test reads the
database files and the log itself.
"""

import json
import logging
import re
import shutil
import sys
from collections import deque
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from schedule.models import Slot  # noqa: E402
from tests.tiers import use_tier  # noqa: E402

LINK_RE = re.compile(r'(?:href|src|action)="([^"#]*)')
EXTRA = [
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/measures/",
    "/feeds/deadlines.ics",
    "/en/feeds/measures/",
    "/api/measures/",
    "/schedule/ical/",
    "/en/schedule/ical/",
]
MAX_PAGES = 1500
# Filters and calendar months make endless query-string variants of a page,
# and every slot and session has its own numbered page; a few of each family
# show the same template with different public data.
MAX_VARIANTS = 3
DIGITS_RE = re.compile(r"\d+")


def needles(markers):
    found = set()
    for value in markers.values():
        found.add(value)
        found.add(json.dumps(value)[1:-1])
    return found


def leaks_in(url, text, markers):
    return [f"{url}: {name}" for name, value in markers.items() if value in text] + [
        f"{url}: {name} (json-escaped)"
        for name, value in markers.items()
        if json.dumps(value)[1:-1] in text and json.dumps(value)[1:-1] != value
    ]


def same_origin_links(base, html):
    for raw in LINK_RE.findall(html):
        url = urljoin(base, raw.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(("/static/", "/media/", "/documents/")):
            continue
        yield path


def crawl(client, markers, leaks, on_response=None):
    """Every public page reachable from / and /en/; `on_response(url, response)` sees each."""
    queue = deque(["/", "/en/", *EXTRA])
    seen = set(queue)
    variants = {}
    pages = 0

    def enqueue(link):
        family = DIGITS_RE.sub("N", link.split("?", 1)[0]) + ("?" if "?" in link else "")
        if link in seen:
            return
        if "?" in link or family != link:
            if variants.get(family, 0) >= MAX_VARIANTS:
                return
            variants[family] = variants.get(family, 0) + 1
        seen.add(link)
        queue.append(link)

    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        pages += 1
        if on_response is not None:
            on_response(url, response)
        if response.get("Content-Type", "").startswith(("image/", "application/pdf")):
            continue
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        leaks.extend(leaks_in(url, text, markers))
        if response.status_code in (301, 302) and response.get("Location"):
            for location in same_origin_links(url, f'href="{response["Location"]}"'):
                enqueue(location)
        for link in same_origin_links(url, text):
            enqueue(link)
    assert not queue, f"crawl stopped at {MAX_PAGES} pages with {len(queue)} left"
    return pages


def search_echo_only(client, markers, leaks):
    """A search for a marker may echo the query, but must find nothing more."""
    for lang in ("", "/en"):
        for name, value in markers.items():
            control = "Z" * len(value)
            hits = client.get(f"{lang}/search/", {"q": value}).content.decode().count(value)
            echo = client.get(f"{lang}/search/", {"q": control}).content.decode().count(control)
            if hits > echo:
                leaks.append(f"{lang}/search/?q=<{name}>: {hits} hits, {echo} echoes")


def book(client, markers):
    slot = next(s for s in Slot.objects.select_related("session") if s.bookability().bookable)
    form = client.get(f"/book/{slot.pk}/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    data = {
        "business_name": markers["business_name"],
        "contact_name": markers["contact_name"],
        "contact_name_kana": markers["contact_name_kana"],
        "phone": markers["phone"],
        "email": markers["email"],
        "email_confirm": markers["email"],
        "ward": "kita",
        "industry": "retail",
        "employee_band": "1-5",
        "sales_decline_band": "20-30",
        "subsidy_status": "planning",
        "topics": ["subsidy"],
        "consultation": markers["consultation"],
        "consent": "on",
        "website": "",
        "form_token": token,
    }
    response = client.post(f"/book/{slot.pk}/", data)
    if response.status_code != 302:
        raise SystemExit(f"booking failed with {response.status_code}")
    return response["Location"]


def main(markers_path, results_path, log_path):
    with open(markers_path, encoding="utf-8") as source:
        markers = json.load(source)
    setup_test_environment()
    for alias in ("default", "intake"):
        call_command("migrate", database=alias, verbosity=0)
    with use_tier("staff"):  # as `make demo` runs it: only the staff tier seals demo TOTP seeds
        call_command("load_demo", stdout=StringIO())
    call_command("intake_keys", "ensure-dev", stdout=StringIO())

    log = StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).setLevel(logging.DEBUG)
    for alias in ("default", "intake"):
        connections[alias].force_debug_cursor = True  # log every SQL statement and its params

    client = Client()
    leaks = []
    done = book(client, markers)
    message = mail.outbox[0]
    leaks.extend(leaks_in("confirmation email", message.subject + message.body, markers))
    token = re.search(r"/book/cancel/([^/\s]+)/", message.body).group(1)
    for url in (done, f"/book/cancel/{token}/"):
        leaks.extend(leaks_in(url, client.get(url).content.decode(), markers))
    pages = crawl(client, markers, leaks)
    # Searching types the markers in ourselves, and the search request's own
    # DEBUG log lines quote its query string; the log proves the booking only.
    root.removeHandler(handler)
    for name in [None, *logging.root.manager.loggerDict]:
        logging.getLogger(name).setLevel(logging.WARNING)
    # The site search counts queries, so the markers we type into it ourselves end up in
    # its statistics table; snapshot the database files before that, for the file scan.
    connections.close_all()
    snapshot = Path(results_path).parent / "db-before-search"
    snapshot.mkdir()
    for path in Path(settings.DATA_DIR).iterdir():
        if path.name.endswith((".sqlite3", "-wal", "-journal", "-shm")):
            shutil.copy2(path, snapshot / path.name)
    search_echo_only(client, markers, leaks)
    connections.close_all()
    with open(log_path, "w", encoding="utf-8") as out:
        out.write(log.getvalue())
    with open(results_path, "w", encoding="utf-8") as out:
        json.dump({"leaks": leaks, "pages": pages, "sql_logged": "INSERT" in log.getvalue()}, out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
