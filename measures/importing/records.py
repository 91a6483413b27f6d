"""Reading an import file (JSONL or CSV) into validated measure records.

All or nothing: every problem in the file is collected, and if there is any, the
file is refused whole with ImportValidationError. The format is the corpus
README's: one JSON object a line, or a CSV with the same keys as columns, list
fields separated by "|", and an empty cell meaning null.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..rules.checker import TARGET_ALL, MeasureFacts
from ..rules.sme import ALL_INDUSTRIES, industry_code_from_label
from ..rules.status import compute_status
from . import errors as e
from .errors import ImportValidationError, RowError
from .fields import ALL_KEYS, INT_KEYS, LIST_KEYS, check_keys, clean

LIST_SEPARATOR = "|"
_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class MeasureRecord:
    id: str
    title: str
    short_title: str | None
    provider: str
    provider_level: str
    kind: str
    purposes: tuple[str, ...]
    industries: tuple[str, ...]
    max_employees: int | None
    min_sales_decline_percent: int | None
    amount_max_yen: int | None
    subsidy_rate: str | None
    interest: str | None
    application_start: date | None
    application_end: date | None
    summary: str
    eligibility: str
    how_to_apply: str
    documents: tuple[str, ...]
    official_url: str | None
    summary_en: str
    target_size: str = TARGET_ALL
    title_en: str | None = None
    short_title_en: str | None = None
    eligibility_en: str | None = None
    how_to_apply_en: str | None = None
    documents_en: tuple[str, ...] = ()
    provider_en: str | None = None
    subsidy_rate_en: str | None = None
    interest_en: str | None = None
    # Where the record starts in its file, for messages; not part of its value.
    line: int = field(default=0, compare=False)

    @property
    def industry_codes(self) -> frozenset[str]:
        """Industry codes; empty means open to all industries."""
        codes = {industry_code_from_label(label) for label in self.industries}
        if ALL_INDUSTRIES in codes:
            return frozenset()
        return frozenset(codes)

    def to_facts(self, today: date, *, closing_soon_days: int) -> MeasureFacts:
        return MeasureFacts(
            key=self.id,
            kind=self.kind,
            industries=self.industry_codes,
            max_employees=self.max_employees,
            target_size=self.target_size,
            min_sales_decline_percent=self.min_sales_decline_percent,
            purposes=frozenset(self.purposes),
            status=compute_status(
                self.application_start, self.application_end, today, closing_soon_days
            ),
            provider_level=self.provider_level,
            application_end=self.application_end,
        )


def parse_file(path) -> list[MeasureRecord]:
    """Parse a .jsonl or .csv file, chosen by its extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return parse_jsonl(path.read_bytes())
    if suffix == ".csv":
        return parse_csv(path.read_bytes())
    raise ImportValidationError([e.row_error(0, None, e.UNSUPPORTED_FORMAT)])


def parse_jsonl(data: str | bytes) -> list[MeasureRecord]:
    text = _decode(data)
    collector = _Collector()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            collector.problems.append(e.row_error(number, None, e.INVALID_JSON, column=exc.colno))
            continue
        if not isinstance(row, dict):
            collector.problems.append(e.row_error(number, None, e.NOT_OBJECT))
            continue
        key_problems = check_keys(list(row), number)
        collector.add(row, number, key_problems)
    return collector.result()


def parse_csv(data: str | bytes) -> list[MeasureRecord]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    collector = _Collector()
    header, header_line = None, 0
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in cells):
                continue  # blank line, or a row Excel left as ",,,,"
            if header is None:
                header, header_line = [cell.strip() for cell in cells], start
                problems = _check_header(header, header_line)
                if problems:
                    raise ImportValidationError(problems)
                continue
            if len(cells) != len(header):
                collector.problems.append(
                    e.row_error(
                        start, None, e.COLUMN_COUNT, expected=len(header), actual=len(cells)
                    )
                )
                continue
            row, problems = _row_from_cells(header, cells, start)
            collector.add(row, start, problems)
    except csv.Error:
        collector.problems.append(e.row_error(reader.line_num, None, e.INVALID_CSV))
    return collector.result()


class _Collector:
    def __init__(self):
        self.records: list[MeasureRecord] = []
        self.problems: list[RowError] = []
        self.first_line_of_id: dict[str, int] = {}

    def add(self, row: dict, line: int, key_problems: list[RowError]):
        values, problems = clean(row, line)
        problems = key_problems + problems
        record_id = values.get("id")
        if record_id is not None:
            if record_id in self.first_line_of_id:
                problems.append(
                    e.row_error(
                        line,
                        "id",
                        e.DUPLICATE_ID,
                        value=record_id,
                        first_line=self.first_line_of_id[record_id],
                    )
                )
            else:
                self.first_line_of_id[record_id] = line
        if problems:
            self.problems.extend(problems)
        else:
            self.records.append(MeasureRecord(**values, line=line))

    def result(self) -> list[MeasureRecord]:
        if not self.problems and not self.records:
            self.problems.append(e.row_error(0, None, e.NO_RECORDS))
        if self.problems:
            raise ImportValidationError(self.problems)
        return self.records


def _decode(data: str | bytes) -> str:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportValidationError([e.row_error(line, None, e.NOT_UTF8)]) from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise ImportValidationError([e.row_error(0, None, e.EMPTY_FILE)])
    return text


def _check_header(header: list[str], line: int) -> list[RowError]:
    problems = check_keys([name for name in header if name], line)
    seen = set()
    for name in header:
        if name and name in seen:
            problems.append(e.row_error(line, name, e.DUPLICATE_COLUMN))
        seen.add(name)
    return problems


def _row_from_cells(header: list[str], cells: list[str], line: int):
    row, problems = {}, []
    for name, cell in zip(header, cells, strict=True):
        if not name:
            # Excel may export empty trailing columns; only data without a key is wrong.
            if cell.strip():
                problems.append(e.row_error(line, None, e.UNNAMED_COLUMN))
            continue
        row[name] = _value_from_cell(name, cell)
    return row, problems


def _value_from_cell(name: str, cell: str):
    if name in LIST_KEYS:
        return [item for item in cell.split(LIST_SEPARATOR) if item.strip()]
    if cell == "":
        return None
    if name in INT_KEYS:
        stripped = cell.strip()
        # Anything else stays text and is reported as the wrong type.
        return int(stripped) if _INTEGER.fullmatch(stripped) else cell
    return cell


__all__ = [
    "ALL_KEYS",
    "ImportValidationError",
    "MeasureRecord",
    "RowError",
    "parse_csv",
    "parse_file",
    "parse_jsonl",
]
