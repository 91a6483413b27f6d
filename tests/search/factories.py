"""Content pages for search tests, under the demo site's home page of their language."""

from wagtail.models import Locale

import factory
from wagtail_factories import PageFactory

from home.models import ContentPage, HomePage
from portal.demo.streams import raw_stream


def home_for(language: str = "ja") -> HomePage:
    return HomePage.objects.get(locale=Locale.objects.get(language_code=language))


class ContentPageFactory(PageFactory):
    """A ContentPage with one paragraph (``text``, else the title).

    Published (live) unless publish=False.
    """

    class Meta:
        model = ContentPage
        skip_postgeneration_save = True

    class Params:
        language = "ja"
        text = ""

    parent = factory.LazyAttribute(lambda page: home_for(page.language))
    title = "テストページ"
    slug = factory.Sequence(lambda n: f"search-test-{n}")
    lead = ""
    live = False
    body = factory.LazyAttribute(
        lambda page: raw_stream(
            [{"type": "paragraph", "value": page.text or page.title}], page.slug
        )
    )

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()
