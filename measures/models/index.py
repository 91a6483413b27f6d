"""The finder page at /measures/, with the checker as its sub-route /measures/check/."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .measure import MeasurePage


class MeasureIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("導入文"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["measures.MeasurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("支援策一覧")

    def measures(self):
        """The live measures of this finder's language; a queryset, nothing loaded."""
        return MeasurePage.objects.live().public().child_of(self)

    @path("")
    def finder(self, request):
        from ..views.finder import finder_context  # noqa: PLC0415 - cycle: views import models

        return self.render(
            request,
            context_overrides=finder_context(self, request),
            template="measures/measure_index_page.html",
        )

    @path("check/")
    def checker(self, request):
        from ..views.checker import checker_response  # noqa: PLC0415 - cycle: views import models

        return checker_response(self, request)
