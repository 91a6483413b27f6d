"""Models of the measures app: the taxonomy, the measure pages and the finder page."""

from .index import MeasureIndexPage
from .measure import MeasureIndustry, MeasurePage, MeasurePurpose
from .taxonomy import Purpose

__all__ = ["MeasureIndexPage", "MeasureIndustry", "MeasurePage", "MeasurePurpose", "Purpose"]
