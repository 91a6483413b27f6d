"""Paging shared by the public lists (site search, the schedule list)."""

from collections.abc import Callable
from dataclasses import dataclass


def page_number(raw) -> int:
    """The page asked for; anything but a positive number is the first page.

    (Django's Paginator.get_page shows the last page for 0 or a negative number.)
    """
    try:
        return max(int(raw), 1)
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Pages:
    links: list[PageLink]
    previous: str | None
    next: str | None


def page_links(number: int, count: int, url: Callable[[int], str]) -> Pages | None:
    """Links to pages 1…count around page `number`, or None when one page holds the list.

    Rendered by templates/components/pagination.html.
    """
    if count <= 1:
        return None
    return Pages(
        links=[PageLink(n, url(n), n == number) for n in range(1, count + 1)],
        previous=url(number - 1) if number > 1 else None,
        next=url(number + 1) if number < count else None,
    )
