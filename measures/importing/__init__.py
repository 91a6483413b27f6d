"""Measure import: reading files (JSONL, CSV) into validated records, then writing pages.

``errors``, ``fields`` and ``records`` are pure: no database, no Django models, tested
without one; the names below are theirs. ``writer`` saves validated records as measure
pages (Django, Wagtail, one transaction) and is imported by name
(``measures.importing.writer``), never from here, so reading a file loads no models.
"""

from .errors import ImportValidationError, RowError
from .records import MeasureRecord, parse_csv, parse_file, parse_jsonl

__all__ = [
    "ImportValidationError",
    "MeasureRecord",
    "RowError",
    "parse_csv",
    "parse_file",
    "parse_jsonl",
]
