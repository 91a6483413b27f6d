"""Staff exports of consultation records: formula-safe CSV with the confidentiality marker.

The cell escaping, the UTF-8 byte order mark and the streaming are core.csv_safe's
(shared with the search dictionary's export). What this module adds is the marker:
the first row is intake.export_marker's confidentiality row (its token makes the
document upload refuse the file); the header follows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from core.csv_safe import FORMULA_TRIGGERS, UTF8_BOM, read_cell, safe_cell, stream_rows
from intake.export_marker import marker_row

__all__ = ["FORMULA_TRIGGERS", "UTF8_BOM", "read_cell", "safe_cell", "stream_csv"]


def stream_csv(rows: Iterable[Sequence[Any]], header: Sequence[Any]) -> Iterator[str]:
    """Yield the CSV as str chunks: the BOM, the marker row, the header, then one per row.

    Pass to ``StreamingHttpResponse(..., content_type="text/csv; charset=utf-8")``.
    A row whose length differs from the header's raises ValueError rather than
    shifting values into the wrong columns.
    """
    return stream_rows(rows, header, first_rows=[marker_row()])
