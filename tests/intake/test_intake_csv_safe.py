import csv
import datetime
import io
from decimal import Decimal

import pytest

from intake.csv_safe import UTF8_BOM, read_cell, safe_cell, stream_csv
from intake.export_marker import MARKER, marker_csv_line, marker_row


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+81 90", "'+81 90"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\u3000=1", "'\u3000=1"),
        ("\n@x", "'\n@x"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("株式会社=さくら", "株式会社=さくら"),
        ("090-1234-5678", "090-1234-5678"),
        ("", ""),
    ],
)
def test_strings_that_spreadsheets_read_as_formulas_are_quoted(value, cell):
    assert safe_cell(value) == cell


@pytest.mark.parametrize("value", ["=1+1", "  =1", "＠x", "'quoted", "'", "株式会社=さくら", ""])
def test_a_quoted_cell_reads_back_as_it_was_written(value):
    assert read_cell(safe_cell(value)) == value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (-5, "-5"),
        (Decimal("-1.5"), "-1.5"),
        (3, "3"),
        (True, "True"),
        (datetime.date(2026, 4, 1), "2026-04-01"),
    ],
)
def test_non_strings_are_written_without_quoting(value, cell):
    assert safe_cell(value) == cell


def _collect(rows, header):
    return "".join(stream_csv(rows, header))


def test_stream_starts_with_a_utf8_bom_then_the_confidentiality_marker_then_the_header():
    chunks = list(stream_csv([], ["事業者名", "電話番号"]))
    assert chunks[0] == UTF8_BOM
    assert chunks[1].startswith(MARKER + ",")
    assert chunks[2] == "事業者名,電話番号\r\n"


def test_stream_yields_one_chunk_per_row_without_buffering_everything():
    def rows():
        yield ["a", 1]
        raise AssertionError("the generator was read ahead")

    stream = stream_csv(rows(), ["x", "y"])
    assert [next(stream), next(stream), next(stream), next(stream)] == [
        UTF8_BOM,
        marker_csv_line(),
        "x,y\r\n",
        "a,1\r\n",
    ]


def test_streamed_csv_reads_back_with_japanese_commas_quotes_and_newlines_intact():
    rows = [
        ["株式会社さくら", '相談内容, "引用"\n二行目', 3],
        ['=HYPERLINK("http://evil")', "", None],
    ]
    text = _collect(rows, ["事業者名", "相談内容", "従業員数"])
    assert text.startswith(UTF8_BOM)
    parsed = list(csv.reader(io.StringIO(text[len(UTF8_BOM) :], newline="")))
    assert parsed == [
        marker_row(),
        ["事業者名", "相談内容", "従業員数"],
        ["株式会社さくら", '相談内容, "引用"\n二行目', "3"],
        ['\'=HYPERLINK("http://evil")', "", ""],
    ]


def test_streamed_csv_encodes_to_utf8_with_bom_bytes():
    data = _collect([["山田"]], ["氏名"]).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")


def test_header_cells_are_made_safe_too():
    assert _collect([], ["=x"]).endswith("'=x\r\n")


def test_row_with_wrong_number_of_cells_stops_the_stream():
    with pytest.raises(ValueError, match="row 2"):
        _collect([["a", "b"], ["c"]], ["x", "y"])
