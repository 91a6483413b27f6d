"""Bad `page` values get 404 or the first page on every paged list, never a 500.

Every view that reads `page` is listed in PAGED_URLS; a source scan fails when a module
reads `page` from the query string without being listed here, or without the shared
helper (core.paging).
"""

import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

import pytest

from core.paging import MAX_PAGE

# Module that reads `page` -> its lists, in both languages (a query prefix ending in ? or &).
PAGED_URLS = {
    "schedule/models/page.py": ["/schedule/?", "/en/schedule/?", "/schedule/?ward=kita&"],
    "search/views.py": ["/search/?q=相談&", "/en/search/?q=consultation&"],
    "measures/views/finder.py": ["/measures/?", "/en/measures/?", "/measures/?kind=subsidy&"],
    "measures/views/api.py": ["/api/measures/?", "/en/api/measures/?"],
}
API_MODULES = {"measures/views/api.py"}

# Past the last page of any list, most past what a 64-bit SQL integer holds: always 404.
OUT_OF_RANGE = [
    "99999999999999999999",
    "9223372036854775808",
    "9223372036854775807",
    "18446744073709551616",
    "2147483648",
    str(MAX_PAGE),
    str(MAX_PAGE + 1),
    "9" * 4300,
    "999",
]
# Not a page number: the first page on the lists (as documented), 404 on the API.
JUNK = ["0", "-1", "-9223372036854775809", "abc", "1.5", " 2", "1_0", "１", "٣", "0x10", "1e3"]

LISTS = [(module, url) for module, urls in PAGED_URLS.items() for url in urls]


def _status(client, url, value) -> int:
    return client.get(url + "page=" + quote(value)).status_code


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "url"), LISTS)
def test_every_paged_list_answers_404_past_its_last_page_however_large(
    demo_site, client, module, url
):
    assert client.get(url + "page=1").status_code == 200
    statuses = {value[:30]: _status(client, url, value) for value in OUT_OF_RANGE}
    assert statuses == dict.fromkeys(statuses, 404)


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "url"), LISTS)
def test_a_page_value_that_is_not_a_number_is_the_first_page_or_404_on_the_api(
    demo_site, client, module, url
):
    expected = 404 if module in API_MODULES else 200
    statuses = {value: _status(client, url, value) for value in JUNK}
    assert statuses == dict.fromkeys(statuses, expected)


@pytest.mark.django_db
def test_the_sitemap_refuses_a_huge_page_with_404(demo_site, client):
    for value in (*OUT_OF_RANGE, "abc", "0", "-1"):
        assert client.get(f"/sitemap.xml?p={value}").status_code == 404, value[:30]


_READS_PAGE = re.compile(r"""GET(?:\.get|\.getlist)?\s*[(\[]\s*["']page["']""")
_SKIP_DIRS = {".venv", "tests", "node_modules", "migrations", "var", "bench"}


def _sources():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if not _SKIP_DIRS.intersection(parts):
            yield path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")


def test_every_view_that_reads_page_is_tested_and_uses_the_shared_helper():
    readers = {name for name, text in _sources() if _READS_PAGE.search(text)}
    assert readers == set(PAGED_URLS), "a view reads `page`: add its URLs to PAGED_URLS"
    for name, text in _sources():
        if name in readers:
            assert "from core.paging import" in text, name
            # Django's Paginator.get_page shows the last page for any number past it.
            assert not re.search(r"\.get_page\(", text), name


# The staff tier's lists are Wagtail listings, paged by `p`: our own reports, and the
# admin's page and user lists. Wagtail shows its last page for a number past it (200) or
# answers 404; what matters here is that no value reaches SQL and fails there.
STAFF_LISTS = ["/admin/intake-audit/", "/admin/staff-audit/", "/admin/pages/", "/admin/users/"]


@pytest.mark.django_db(databases=["default", "intake"])
def test_no_staff_list_fails_on_a_huge_page(client):
    from tests.accounts.factories import StaffUserFactory
    from tests.accounts.login import login_verified
    from tests.tiers import use_tier

    admin = StaffUserFactory(username="kanri", superuser=True)
    with use_tier("staff"):
        login_verified(client, admin)
        for url in STAFF_LISTS:
            assert client.get(url).status_code == 200, url
            statuses = {
                value[:30]: client.get(f"{url}?p={value}").status_code for value in OUT_OF_RANGE
            }
            assert set(statuses.values()) <= {200, 404}, (url, statuses)
