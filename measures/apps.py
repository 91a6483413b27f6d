from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = "支援策"

    def ready(self):
        from measures.models import MeasurePage
        from search import registry

        registry.register(MeasurePage, key="measure", label=_("支援策"), order=10)
