"""Page links: a long list shows its ends and the pages around the current one, "…" between."""

import itertools
import re

from django.template.loader import render_to_string

import pytest

from core.paging import page_links


def url(n: int) -> str:
    return f"?page={n}"


def shown(number: int, count: int) -> list:
    return [link.number for link in page_links(number, count, url).links]


def test_a_200_page_list_shows_an_elided_range():
    html = render_to_string(
        "components/pagination.html",
        {"pages": page_links(100, 200, url), "label": "検索結果のページ"},
    )
    assert '<nav class="pagination" aria-label="検索結果のページ">' in html
    assert '<span aria-current="page">100</span>' in html
    linked = [int(n) for n in re.findall(r'<a href="\?page=\d+">(\d+)</a>', html)]
    assert linked == [1, 98, 99, 101, 102, 200]
    assert html.count('<span class="pagination-gap">…</span>') == 2
    assert '<a href="?page=99" rel="prev">' in html
    assert '<a href="?page=101" rel="next">' in html


def test_a_list_of_one_page_has_no_page_links():
    assert page_links(1, 1, url) is None


@pytest.mark.parametrize("count", range(2, 7))
def test_a_short_list_shows_every_page(count):
    for number in range(1, count + 1):
        assert shown(number, count) == list(range(1, count + 1))


@pytest.mark.parametrize("count", range(2, 41))
def test_every_page_of_a_list_shows_its_ends_its_neighbours_and_gaps_only_where_pages_are_left_out(
    count,
):
    for number in range(1, count + 1):
        links = page_links(number, count, url).links
        numbers = [link.number for link in links if link.number is not None]
        assert numbers == sorted(set(numbers))
        assert {1, count, number} | {n for n in (number - 1, number + 1) if 1 <= n <= count} <= set(
            numbers
        )
        assert len(links) <= 9
        assert [link.number for link in links if link.current] == [number]
        for link in links:
            assert link.url == (url(link.number) if link.number is not None else None)
        # A "…" stands between two shown pages exactly where pages are left out.
        for before, after in itertools.pairwise(links):
            if before.number is not None and after.number is not None:
                assert after.number == before.number + 1
        for i, link in enumerate(links):
            if link.number is None:
                assert 0 < i < len(links) - 1
                assert links[i + 1].number - links[i - 1].number > 1
