"""CSV that is safe to open in Excel, streamed without temp files.

Formula injection: a spreadsheet treats a cell starting with = + - @ (and TAB
or CR, which some versions skip before looking) as a formula, so a booking's
business name of ``=HYPERLINK(...)`` would run when staff open the export.
Such cells get a leading single quote, which Excel shows as text. The
full-width ＝＋－＠ are included because Japanese Excel converts them on entry.
Leading whitespace is looked through, since spreadsheets may trim it.
Only strings are escaped: numbers, dates and booleans come from our own code,
and a negative number must stay a number. `read_cell` undoes the quote when a
file we exported is read back (the search dictionary's import).

Encoding: a UTF-8 byte order mark first, or Excel on Windows opens the file as
Shift_JIS and the Japanese turns to mojibake.

Staff exports of consultation records put intake.export_marker's confidentiality
row first (intake.csv_safe.stream_csv); this module knows nothing of it, so every
app can use it (docs/architecture.md, "Apps").

Why not ``defusedcsv`` (3.0.0, the maintained drop-in for ``csv.writer``): it looks
only at the first character, so it misses the TAB and CR triggers, the full-width
＝＋－＠ and a formula behind leading spaces; it leaves a string that looks like a
number ("-1.5") unquoted, which Excel then reads as a number, not the text typed; and
it rewrites "|" inside the cell to "\\|", changing what staff read. ``safe_cell`` is ten
lines, tested cell by cell (tests/intake/test_intake_csv_safe.py), so it stays.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

UTF8_BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if not isinstance(value, str):
        return str(value)
    if value.startswith(FORMULA_TRIGGERS) or value.lstrip().startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def read_cell(value: str) -> str:
    """The inverse of safe_cell for a string read back from a CSV we exported.

    A leading single quote in front of a formula trigger is dropped, so an export
    imports back as it was; any other cell is returned unchanged. (A string that
    itself began with ' and a trigger reads back without its quote.)
    """
    if value.startswith("'") and safe_cell(value[1:]) == value:
        return value[1:]
    return value


class _Echo:
    """A file-like object whose write() returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def stream_rows(
    rows: Iterable[Sequence[Any]],
    header: Sequence[Any],
    *,
    first_rows: Iterable[Sequence[Any]] = (),
) -> Iterator[str]:
    """Yield the CSV as str chunks: the BOM, `first_rows` as given, the header, then one per row.

    Pass to ``StreamingHttpResponse(..., content_type="text/csv; charset=utf-8")``.
    A row whose length differs from the header's raises ValueError rather than
    shifting values into the wrong columns.
    """
    writer = csv.writer(_Echo())
    yield UTF8_BOM
    for row in first_rows:
        yield writer.writerow(row)
    yield writer.writerow([safe_cell(cell) for cell in header])
    for number, row in enumerate(rows, start=1):
        cells = list(row)
        if len(cells) != len(header):
            raise ValueError(
                f"CSV row {number} has {len(cells)} cells; the header has {len(header)}."
            )
        yield writer.writerow([safe_cell(cell) for cell in cells])
