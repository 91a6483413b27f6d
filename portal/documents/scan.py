"""Find intake.export_marker's MARKER in an uploaded file, whatever its encoding.

The marker is ASCII, so UTF-8 (with or without BOM), Shift_JIS/CP932 and EUC-JP
all hold it as the same bytes; UTF-16 and UTF-32 (LE and BE) hold it with NULs
between the letters. The search is case-insensitive and streamed in chunks with
an overlap, so a file of any size is read with constant memory.

Zip containers (xlsx, docx, pptx, ods, odt, zip) are opened and every member is
searched too, also with XML tags removed (Word splits text into runs). Members
are decompressed in chunks and counted as they come, so the declared sizes are
never trusted: a member over MAX_MEMBER_BYTES, a container over MAX_TOTAL_BYTES
or MAX_MEMBERS, an encrypted member, a damaged zip or zips nested deeper than
MAX_DEPTH make the file unscannable, and an unscannable file is refused
(fail closed) rather than published unchecked.

Defence in depth for an export whose marker row was deleted: the heading row of
every staff export (export_header_rows below, in each language)
is searched for too, as the exports and spreadsheet programs write it: cells
joined by a comma or a tab, unquoted or all quoted, in UTF-8, Shift_JIS/CP932,
EUC-JP, ISO-2022-JP, UTF-16 and UTF-32. In Office files the cells of a row are
separate XML elements, so the text with tags removed is searched for the cells
run together; and a workbook's shared strings (Excel) or a worksheet (inline
strings) is refused when it holds every heading of an export with at least
MIN_HEADINGS_ANYWHERE columns as whole cells, in any order (a program that
rewrites the file may reorder its strings; Excel adds phonetic runs between them).
The marker and all heading patterns are searched in one Aho-Corasick pass.
A document holding only some of the headings (事業者名 in a 様式) is not refused.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import zipfile
from typing import BinaryIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import translation

import ahocorasick_rs

from intake.admin_views import IntakeAuditReportView
from intake.console import exports, stats
from intake.export_marker import MARKER
from portal.accounts.admin_views import StaffAuditReportView

CHUNK_BYTES = 1024 * 1024
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_DEPTH = 2
# A nested zip is read into memory to open it, so it gets a smaller cap.
MAX_NESTED_ZIP_BYTES = 16 * 1024 * 1024

ENCODINGS = ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
PATTERNS = tuple(MARKER.lower().encode(encoding) for encoding in ENCODINGS)
HEADER_ENCODINGS = (
    "utf-8",
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    *ENCODINGS[1:],
)
MIN_HEADINGS_ANYWHERE = 6
_ZIP_MAGIC = b"PK\x03\x04"
_TAG = re.compile(rb"<[^<>]*>")


class MarkerFound(Exception):
    """The file carries the confidentiality marker."""


class ExportHeaderFound(MarkerFound):
    """The file carries the heading row of a staff export (its marker row may be gone)."""


def export_header_rows() -> list[list[str]]:
    """The heading row of every staff export, once per language of the site (deduplicated).

    tests/documents/test_exports_carry_marker.py checks that each export, as
    downloaded, has one of these rows right after the marker row.
    """
    sources = (
        exports.header,
        stats.header,
        IntakeAuditReportView.export_header,
        StaffAuditReportView.export_header,
    )
    rows = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for source in sources:
                row = [str(cell) for cell in source()]
                if row not in rows:
                    rows.append(row)
    return rows


def _header_lines(row: list[str]) -> set[str]:
    lines = {"".join(row)}
    for delimiter in (",", "\t"):
        for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="").writerow(
                row
            )
            lines.add(buffer.getvalue())
    return lines


@functools.cache
def header_patterns() -> tuple[bytes, ...]:
    """Each export's heading row, as written in each encoding (lower-cased bytes, like the data)."""
    patterns = set()
    for row in export_header_rows():
        for line in _header_lines(row):
            for encoding in HEADER_ENCODINGS:
                try:
                    patterns.add(line.encode(encoding).lower())
                except UnicodeEncodeError:
                    continue
    return tuple(sorted(patterns))


@functools.cache
def _automaton() -> tuple[ahocorasick_rs.BytesAhoCorasick, int]:
    """One Aho-Corasick automaton for the marker and every heading pattern, and the overlap.

    One pass over the data whatever the number of patterns: searching each of
    them with `in` costs a pass each (about 0.4 s per MiB of NUL bytes in all).
    """
    patterns = [*PATTERNS, *header_patterns()]
    return ahocorasick_rs.BytesAhoCorasick(patterns), max(map(len, patterns)) - 1


@functools.cache
def cell_sets() -> tuple[frozenset[bytes], ...]:
    """For the longer exports: each heading as a whole XML text node (UTF-8, escaped)."""
    return tuple(
        frozenset(f">{escape(cell)}<".encode() for cell in row)
        for row in export_header_rows()
        if len(row) >= MIN_HEADINGS_ANYWHERE
    )


class Unscannable(Exception):
    """The file could not be searched completely (too big unpacked, encrypted, damaged)."""


class _Matcher:
    """Searches a stream chunk by chunk, keeping an overlap so no match is cut in two."""

    def __init__(self):
        self.tail = b""
        self.automaton, self.overlap = _automaton()

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk.lower()
        found = self.automaton.find_matches_as_indexes(data, overlapping=True)
        if any(index < len(PATTERNS) for index, _start, _end in found):
            raise MarkerFound
        if found:
            raise ExportHeaderFound
        self.tail = data[-self.overlap :]


class _CellsMatcher:
    """Collects which export headings occur as whole cells; all of one export's refuse the file."""

    def __init__(self):
        self.sets = cell_sets()
        self.wanted = frozenset().union(*self.sets)
        self.found: set[bytes] = set()
        self.tail = b""
        self.overlap = max((len(cell) for cell in self.wanted), default=1) - 1

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        self.found.update(cell for cell in self.wanted - self.found if cell in data)
        if any(cells <= self.found for cells in self.sets):
            raise ExportHeaderFound
        self.tail = data[-self.overlap :] if self.overlap else b""


class _TextMatcher(_Matcher):
    """The same search on the text between XML tags (a tag cut by a chunk waits for the next)."""

    def __init__(self):
        super().__init__()
        self.pending = b""

    def feed(self, chunk: bytes) -> None:
        data = self.pending + chunk
        cut = data.rfind(b"<")
        if cut != -1 and data.find(b">", cut) == -1 and len(data) - cut < 4096:
            data, self.pending = data[:cut], data[cut:]
        else:
            self.pending = b""
        super().feed(_TAG.sub(b"", data))

    def finish(self) -> None:
        pending, self.pending = self.pending, b""
        _Matcher.feed(self, _TAG.sub(b"", pending))


class _Budget:
    def __init__(self):
        self.total = 0

    def spend(self, size: int) -> None:
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            raise Unscannable("unpacked size over the limit")


def check(fileobj: BinaryIO) -> None:
    """Raise MarkerFound or Unscannable; return None for a clean file. Rewinds the file."""
    fileobj.seek(0)
    try:
        matcher = _Matcher()
        head = b""
        while chunk := fileobj.read(CHUNK_BYTES):
            if not head:
                head = chunk[:4]
            matcher.feed(chunk)
        if head == _ZIP_MAGIC or _is_zip(fileobj):
            fileobj.seek(0)
            _check_zip(fileobj, depth=1, budget=_Budget())
    finally:
        fileobj.seek(0)


def _is_zip(fileobj: BinaryIO) -> bool:
    fileobj.seek(0)
    try:
        return zipfile.is_zipfile(fileobj)
    except OSError:
        return False


def _check_zip(fileobj: BinaryIO, depth: int, budget: _Budget) -> None:
    if depth > MAX_DEPTH:
        raise Unscannable("zip nested too deep")
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Unscannable("damaged zip") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise Unscannable("too many members")
        for info in members:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise Unscannable("encrypted member")
            _check_member(archive, info, depth, budget)


def _holds_cells(name: str) -> bool:
    """A workbook's shared strings (Excel) or a worksheet (inline strings, openpyxl)."""
    name = name.lower()
    return name.endswith(".xml") and (
        name.endswith("/sharedstrings.xml") or name.startswith("xl/worksheets/")
    )


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, depth: int, budget) -> None:
    raw, text = _Matcher(), _TextMatcher()
    cells = _CellsMatcher() if _holds_cells(info.filename) else None
    size = 0
    nested = None
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                size += len(chunk)
                budget.spend(len(chunk))
                if size > MAX_MEMBER_BYTES:
                    raise Unscannable("member over the limit")
                raw.feed(chunk)
                text.feed(chunk)
                if cells is not None:
                    cells.feed(chunk)
                if nested is None and size == len(chunk):
                    nested = io.BytesIO() if chunk.startswith(_ZIP_MAGIC) else False
                if nested:
                    if size > MAX_NESTED_ZIP_BYTES:
                        raise Unscannable("nested zip over the limit")
                    nested.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise Unscannable("member does not unpack") from error
    text.finish()
    if nested:
        nested.seek(0)
        _check_zip(nested, depth + 1, budget)
