"""A change on the staff side makes exactly the affected public responses stale."""

from wagtail.models import Page

import pytest

from home.models import CenterInfo, ContentPage
from measures.models import MeasurePage, Purpose

pytestmark = pytest.mark.django_db

MEASURE_LISTS = [
    "/measures/",
    "/en/measures/",
    "/measures/?kind=subsidy",
    "/measures/check/",
    "/feeds/measures/",
    "/en/feeds/measures/",
    "/feeds/deadlines.ics",
    "/api/measures/",
    "/en/api/measures/",
    "/sitemap.xml",
]


def measure(source_id, language="ja"):
    return MeasurePage.objects.get(source_id=source_id, locale__language_code=language)


def warm(client, urls):
    for url in urls:
        client.get(url)
    stale = [url for url in urls if client.get(url)["X-Page-Cache"] != "hit"]
    assert not stale, f"not cached after warming: {stale}"


def states(client, urls):
    return {url: client.get(url)["X-Page-Cache"] for url in urls}


def misses(client, urls):
    return [url for url, state in states(client, urls).items() if state != "hit"]


def test_publishing_a_measure_refreshes_it_its_translation_lists_feeds_api_and_sitemap(
    demo_site, page_cache, client, publish
):
    page, english = measure("d001"), measure("d001", "en")
    others = [measure("d002").url, measure("d002", "en").url, "/about/", "/", "/en/"]
    warm(client, [page.url, english.url, *MEASURE_LISTS, *others])

    publish(page, summary="更新された概要です。")

    affected = [page.url, english.url, *MEASURE_LISTS]
    assert misses(client, affected) == affected
    assert "更新された概要です。" in client.get(page.url).content.decode()
    # Exactly the affected responses: the rest is still served from the cache.
    assert states(client, others) == dict.fromkeys(others, "hit")


def test_publishing_a_page_refreshes_its_parent_and_the_breadcrumbs_below_it(
    demo_site, page_cache, client, publish
):
    index = measure("d001").get_parent().specific
    children = [measure("d001").url, measure("d002").url]
    warm(client, ["/measures/", *children, "/about/"])

    publish(index, title="支援策の一覧（新）")

    assert misses(client, ["/measures/", *children]) == ["/measures/", *children]
    assert "支援策の一覧（新）" in client.get(measure("d002").url).content.decode()
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_page_and_refreshes_the_lists(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    page = measure("d002")
    url, title = page.url, page.title
    warm(client, [url, "/measures/?status=all", "/api/measures/"])

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert client.get(url).status_code == 404
    assert title not in client.get("/measures/?status=all").content.decode()
    assert title not in client.get("/api/measures/").content.decode()


def test_moving_a_page_refreshes_old_and_new_parents_and_its_old_url(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    about = ContentPage.objects.get(slug="about", locale__language_code="ja")
    target = ContentPage.objects.filter(locale__language_code="ja").exclude(pk=about.pk).first()
    old_url, home = about.url, about.get_parent()
    warm(client, [old_url, home.url, target.url, "/sitemap.xml", measure("d001").url])

    with django_capture_on_commit_callbacks(execute=True):
        about.move(target, pos="last-child")

    assert client.get(old_url).status_code == 301  # Wagtail redirects a moved page
    assert misses(client, [home.url, target.url, "/sitemap.xml"]) == [
        home.url,
        target.url,
        "/sitemap.xml",
    ]
    assert client.get(measure("d001").url)["X-Page-Cache"] == "hit"


def test_deleting_a_page_refreshes_it_and_its_lists(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    page = measure("d003")
    url = page.url
    warm(client, [url, "/measures/?status=all"])
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).delete()
    assert client.get(url).status_code == 404
    assert page.title not in client.get("/measures/?status=all").content.decode()


def test_center_info_change_refreshes_every_page_but_not_the_open_data(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    pages = ["/", "/en/", "/about/", measure("d001").url, "/measures/"]
    warm(client, [*pages, "/api/measures/"])
    info = CenterInfo.objects.get(locale__language_code="ja")
    with django_capture_on_commit_callbacks(execute=True):
        info.notice = "<p>年末年始は休業します。</p>"
        info.save()
    assert misses(client, pages) == pages
    assert "年末年始は休業します。" in client.get("/about/").content.decode()
    assert client.get("/api/measures/")["X-Page-Cache"] == "hit"


def test_purpose_change_refreshes_the_lists_and_the_measures_using_it(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    user, bystander = measure("d001"), measure("d003")  # IT化 is on d001 only
    warm(client, [user.url, bystander.url, "/measures/", "/about/"])
    purpose = Purpose.objects.get(name="IT化", locale__language_code="ja")
    with django_capture_on_commit_callbacks(execute=True):
        purpose.name = "IT化・デジタル化"
        purpose.save()
    assert misses(client, [user.url, "/measures/"]) == [user.url, "/measures/"]
    assert "IT化・デジタル化" in client.get(user.url).content.decode()
    assert states(client, [bystander.url, "/about/"]) == {bystander.url: "hit", "/about/": "hit"}


def test_nothing_is_bumped_before_the_transaction_commits(
    demo_site, page_cache, client, django_capture_on_commit_callbacks
):
    page = measure("d001")
    warm(client, [page.url])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert callbacks
