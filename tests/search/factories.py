"""Small builders for search tests: content pages in the demo tree."""

import itertools

from wagtail.models import Locale

from home.models import ContentPage, HomePage
from portal.demo.streams import raw_stream

_counter = itertools.count()


def home_for(language: str = "ja") -> HomePage:
    return HomePage.objects.get(locale=Locale.objects.get(language_code=language))


def content_page(title: str, body: str = "", *, lead: str = "", language="ja", live=True):
    """A ContentPage under the home page; published (live) unless live=False."""
    slug = f"search-test-{next(_counter)}"
    page = ContentPage(
        title=title,
        slug=slug,
        lead=lead,
        live=False,
        body=raw_stream([{"type": "paragraph", "value": body or title}], slug),
    )
    home_for(language).add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
