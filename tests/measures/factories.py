"""Build small measure trees for tests, beside (not inside) the demo site."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from home.models import HomePage
from measures.models import MeasureIndexPage, MeasureIndustry, MeasurePage, MeasurePurpose, Purpose

_counter = itertools.count(1)


def make_index() -> MeasureIndexPage:
    root = Page.get_first_root_node()
    n = next(_counter)
    home = HomePage(title=f"テスト{n}", slug=f"test-home-{n}", hero_title="x", hero_lead="y")
    root.add_child(instance=home)
    index = MeasureIndexPage(title="支援策をさがす", slug="measures")
    home.add_child(instance=index)
    return index


def purpose(slug: str) -> Purpose:
    return Purpose.objects.get(locale__language_code="ja", slug=slug)


def make_measure(index, *, industries=(), purposes=(), published_days_ago=1, **fields):
    n = next(_counter)
    values = {
        "title": f"テスト支援策{n}",
        "slug": f"measure-{n}",
        "provider": "若葉市",
        "provider_level": "city",
        "kind": "subsidy",
        "summary": "概要",
        "eligibility": "対象",
        "how_to_apply": "申請方法",
        "first_published_at": datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
        + timedelta(days=n - published_days_ago),
    }
    values.update(fields)
    page = MeasurePage(**values)
    page.industry_links = [MeasureIndustry(code=code) for code in industries]
    page.purpose_links = [MeasurePurpose(purpose=purpose(slug)) for slug in purposes]
    index.add_child(instance=page)
    return page


def days(n: int, today: date) -> date:
    return today + timedelta(days=n)
