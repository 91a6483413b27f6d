"""A measure's alternative names: indexed in the head, shown as 通称 / Also known as."""

from django.utils import translation
from django.utils.translation import pgettext

from wagtail.models import Page

import pytest

from measures.models import MeasureIndexPage, MeasurePage
from measures.structured_data import measure_data
from search import service
from search.backend import SegmentedSearchField, SegmentedView
from tests.measures.factories import MeasurePageFactory

pytestmark = pytest.mark.django_db


def demo_index() -> MeasureIndexPage:
    return MeasureIndexPage.objects.filter(locale__language_code="ja").first()


def test_alternative_names_are_a_boosted_field_in_the_head():
    fields = SegmentedView(MeasurePage()).get_search_fields()
    segmented = [f for f in fields if isinstance(f, SegmentedSearchField)]
    [names] = [f for f in segmented if f._original.field_name == "alternative_names"]
    assert names.field_name == "title"  # the head column (docs/search.md)


def test_an_alternative_name_is_indexed_and_shown(demo_site, client):
    page = MeasurePageFactory(
        parent=demo_index(),
        title="若葉市ぴよぴよ雇用安定助成金",
        short_title="ぴよ助成",
        alternative_names="ぴよ金\nぴよぴよ特例、 ぴよ金",
    )
    assert page.common_names == ["ぴよ助成", "ぴよ金", "ぴよぴよ特例"]
    with translation.override("ja"):
        hits = service.find("ぴよ金")
    assert Page.objects.get(pk=hits[0].pk).title == page.title
    html = client.get("/search/", {"q": "ぴよ金"}).content.decode()
    assert "通称: ぴよ助成、ぴよ金、ぴよぴよ特例" in html
    html = client.get(page.url).content.decode()
    assert "通称: ぴよ助成、ぴよ金、ぴよぴよ特例" in html


def test_the_label_reads_also_known_as_in_english():
    with translation.override("en"):
        assert pgettext("also known as", "通称") == "Also known as"


def test_several_names_are_structured_data_alternate_names(demo_site, rf):
    index = demo_index()
    page = MeasurePageFactory(parent=index, short_title="ぴよ助成", alternative_names="ぴよ金")
    data = measure_data(page, rf.get("/"))
    assert data["alternateName"] == ["ぴよ助成", "ぴよ金"]
