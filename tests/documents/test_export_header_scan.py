"""An export whose marker row was deleted is still recognised by its heading row."""

import csv
import io
import random

import pytest

from portal.documents import scan
from portal.documents.scan import export_header_rows
from tests.documents.files import ENCODINGS, xlsx, zipped

BOOKINGS = export_header_rows()[0]
ROWS = export_header_rows()
DATA_ROW = ["ABC-123", "10:00", "予約済み", "若葉テスト商店", "山田花子"]


def verdict(data: bytes) -> str:
    try:
        scan.check(io.BytesIO(data))
    except scan.ExportHeaderFound:
        return "header"
    except scan.MarkerFound:
        return "marker"
    except scan.Unscannable:
        return "unscannable"
    return "clean"


def table(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_heading_rows_are_those_of_every_export_in_both_languages():
    assert BOOKINGS[:5] == ["予約番号", "時間", "状態", "事業者名", "担当者名"]
    assert ["Booking reference", "Time", "Status", "Business name", "Contact person"] in [
        row[:5] for row in ROWS
    ]
    assert len(ROWS) == 8  # four exports, Japanese and English


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_each_heading_row_is_found_in_each_encoding_and_dialect(encoding, delimiter, quoting):
    for row in ROWS:
        text = table([row, DATA_ROW], delimiter, quoting)
        if not encodable(text, encoding):
            continue
        assert verdict(text.encode(encoding)) == "header", row
        assert verdict(zipped({"export.csv": text.encode(encoding)})) == "header", row


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_some_of_the_headings_are_not_refused(encoding):
    """A 様式 or a table naming a few of the columns is an ordinary document."""
    for row in ROWS:
        for cell in row:
            assert verdict(table([["項目", cell], ["北区", "3"]]).encode(encoding)) == "clean"
        for missing in range(len(row)):
            rest = row[:missing] + row[missing + 1 :]
            assert verdict(table([rest, DATA_ROW]).encode(encoding)) == "clean", (row, missing)


def test_heading_row_in_xlsx_cells_is_found():
    for row in ROWS:
        assert verdict(xlsx([row, DATA_ROW])) == "header", row
        assert verdict(xlsx([["一覧"], [], ["", *row]])) == "header", row


def test_long_heading_rows_are_found_in_xlsx_in_any_order():
    """A program that rewrites the workbook may reorder its shared strings."""
    shuffler = random.Random(13)
    for row in ROWS:
        if len(row) < scan.MIN_HEADINGS_ANYWHERE:
            continue
        cells = row[:]
        shuffler.shuffle(cells)
        assert verdict(xlsx([[cell] for cell in cells])) == "header", row
        assert verdict(xlsx([[cell] for cell in cells[1:]])) == "clean", row


def test_xlsx_form_with_a_few_of_the_headings_is_clean():
    form = [["様式第1号 相談申込書"], ["事業者名", ""], ["担当者名", ""], ["電話番号", ""]]
    assert verdict(xlsx(form)) == "clean"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "cp932"])
def test_heading_row_cut_by_a_read_chunk_boundary_is_found(encoding):
    line = ",".join(BOOKINGS).encode(encoding)
    for cut in range(1, len(line), 7):
        padding = b" " * (scan.CHUNK_BYTES - cut)
        assert verdict(padding + line + b"\r\n") == "header", cut


def excel_shared_strings(cells) -> bytes:
    """An xlsx as Excel writes it: the strings in sharedStrings.xml, with phonetic runs."""
    items = "".join(
        f'<si><t>{cell}</t><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1"/></si>'
        for cell in cells
    )
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(cells)}" uniqueCount="{len(cells)}">{items}</sst>'
    )
    sheet = "<worksheet><sheetData>" + "".join(
        f'<row r="1"><c r="A{n + 1}" t="s"><v>{n}</v></c></row>' for n in range(len(cells))
    )
    return zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/sharedStrings.xml": strings.encode(),
            "xl/worksheets/sheet1.xml": (sheet + "</sheetData></worksheet>").encode(),
        }
    )


def test_long_heading_rows_are_found_in_excels_shared_strings():
    for row in ROWS:
        if len(row) < scan.MIN_HEADINGS_ANYWHERE:
            continue
        assert verdict(excel_shared_strings(row[::-1])) == "header", row
        assert verdict(excel_shared_strings(row[:-1])) == "clean", row
