"""Measure pages for tests, in small trees beside (not inside) the demo site.

``MeasurePageFactory(parent=MeasureIndexFactory())`` builds a measure under a fresh index
page of its own home page; ``industries=`` and ``purposes=`` take codes and purpose slugs.
Each measure is published one day after the one built before it.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

import factory
from wagtail_factories import PageFactory

from home.models import HomePage
from measures.models import MeasureIndexPage, MeasureIndustry, MeasurePage, MeasurePurpose, Purpose


class HomePageFactory(PageFactory):
    """A home page of its own, directly under the tree root."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = factory.Sequence(lambda n: f"テスト{n + 1}")
    slug = factory.Sequence(lambda n: f"test-home-{n + 1}")
    hero_title = "x"
    hero_lead = "y"


class MeasureIndexFactory(PageFactory):
    class Meta:
        model = MeasureIndexPage

    parent = factory.SubFactory(HomePageFactory)
    title = "支援策をさがす"
    slug = "measures"


def _purpose(slug: str) -> Purpose:
    return Purpose.objects.get(locale__language_code="ja", slug=slug)


class MeasurePageFactory(PageFactory):
    class Meta:
        model = MeasurePage

    class Params:
        industries = ()
        purposes = ()
        published_days_ago = 1

    parent = factory.SubFactory(MeasureIndexFactory)
    title = factory.Sequence(lambda n: f"テスト支援策{n + 1}")
    slug = factory.Sequence(lambda n: f"measure-{n + 1}")
    provider = "若葉市"
    provider_level = "city"
    kind = "subsidy"
    summary = "概要"
    eligibility = "対象"
    how_to_apply = "申請方法"
    first_published_at = factory.LazyAttributeSequence(
        lambda page, n: (
            datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
            + timedelta(days=n + 1 - page.published_days_ago)
        )
    )
    industry_links = factory.LazyAttribute(
        lambda page: [MeasureIndustry(code=code) for code in page.industries]
    )
    purpose_links = factory.LazyAttribute(
        lambda page: [MeasurePurpose(purpose=_purpose(slug)) for slug in page.purposes]
    )
