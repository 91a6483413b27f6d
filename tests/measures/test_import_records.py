import csv
import io
import json
from datetime import date

from django.utils import translation

import pytest

from measures.importing import (
    ImportValidationError,
    MeasureRecord,
    parse_csv,
    parse_file,
    parse_jsonl,
)
from measures.importing import errors as e
from measures.importing.fields import ALL_KEYS, LIST_KEYS, REQUIRED_KEYS
from tests.paths import CORPUS


def corpus_rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def valid_row(**changes) -> dict:
    row = {
        "id": "t001",
        "title": "テスト補助金",
        "short_title": None,
        "provider": "京都市",
        "provider_level": "city",
        "kind": "subsidy",
        "purposes": ["設備投資"],
        "industries": ["all"],
        "max_employees": None,
        "min_sales_decline_percent": None,
        "amount_max_yen": 1000000,
        "subsidy_rate": "2/3",
        "interest": None,
        "application_start": "2025-04-01",
        "application_end": "2025-06-30",
        "summary": "概要",
        "eligibility": "対象",
        "how_to_apply": "申請方法",
        "documents": ["申請書"],
        "official_url": "https://www.example.jp/",
        "summary_en": "A test subsidy.",
    }
    row.update(changes)
    return row


def jsonl(*rows) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_csv(rows: list[dict], keys=ALL_KEYS, bom=True) -> bytes:
    """CSV as Excel writes it: BOM, CRLF, list fields joined by "|", null as an empty cell."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(keys)
    for row in rows:
        cells = []
        for key in keys:
            value = row.get(key)
            if value is None:
                cells.append("")
            elif key in LIST_KEYS:
                cells.append("|".join(value))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def problems_of(parse, data) -> list[tuple]:
    with pytest.raises(ImportValidationError) as caught:
        parse(data)
    return [(err.line, err.field, err.code) for err in caught.value.errors]


def test_the_whole_corpus_parses_from_jsonl():
    records = parse_file(CORPUS)
    assert len(records) == 53
    assert len({r.id for r in records}) == 53
    first = records[0]
    assert first.id == "m001"
    assert first.application_start == date(2020, 5, 1)
    assert first.purposes == ("運転資金", "資金繰り", "感染症対策")
    assert first.min_sales_decline_percent == 50
    assert isinstance(first.documents, tuple)


def test_the_corpus_round_tripped_through_excel_style_csv_gives_the_same_records():
    from_jsonl = parse_jsonl(CORPUS.read_bytes())
    from_csv = parse_csv(to_csv(corpus_rows()))
    assert from_csv == from_jsonl
    assert from_csv[0].line == 2
    assert from_jsonl[0].line == 1


def test_csv_parses_without_a_bom_and_with_columns_in_any_order():
    keys = tuple(reversed(REQUIRED_KEYS))
    [record] = parse_csv(to_csv([valid_row()], keys=keys, bom=False))
    assert record.amount_max_yen == 1000000
    assert record.short_title is None


def test_csv_cells_become_typed_values():
    data = to_csv([valid_row(purposes=["設備投資", "IT化"], max_employees=" 20 ", documents=[])])
    [record] = parse_csv(data)
    assert record.purposes == ("設備投資", "IT化")
    assert record.max_employees == 20
    assert record.documents == ()
    assert record.application_end == date(2025, 6, 30)


def test_records_are_frozen():
    [record] = parse_jsonl(jsonl(valid_row()))
    with pytest.raises(AttributeError):
        record.title = "changed"


def test_english_extras_are_accepted():
    row = valid_row(
        title_en="Test subsidy",
        short_title_en=None,
        eligibility_en="Anyone",
        how_to_apply_en="Online",
        documents_en=["Application form"],
        provider_en="Kyoto City",
    )
    [from_jsonl] = parse_jsonl(jsonl(row))
    [from_csv] = parse_csv(to_csv([row]))
    assert from_jsonl == from_csv
    assert from_jsonl.documents_en == ("Application form",)
    assert from_jsonl.provider_en == "Kyoto City"


def test_english_extras_default_to_empty_when_absent():
    [record] = parse_jsonl(jsonl(valid_row()))
    assert record.title_en is None
    assert record.documents_en == ()


def test_industry_codes_of_a_record():
    [everyone, some] = parse_jsonl(
        jsonl(valid_row(id="a"), valid_row(id="b", industries=["飲食業", "宿泊業"]))
    )
    assert everyone.industry_codes == frozenset()
    assert some.industry_codes == {"food_service", "accommodation"}


def test_a_record_converts_to_checker_facts_with_its_status():
    [record] = parse_jsonl(jsonl(valid_row()))
    facts = record.to_facts(date(2025, 6, 25), closing_soon_days=7)
    assert facts.key == "t001"
    assert facts.status == "closing_soon"
    assert facts.application_end == date(2025, 6, 30)


BAD_ROWS = [
    ("missing key", {"drop": "kind"}, "kind", e.MISSING_KEY),
    ("unknown key", {"set": {"colour": "red"}}, "colour", e.UNKNOWN_KEY),
    ("bad date", {"set": {"application_start": "2025-02-30"}}, "application_start", e.BAD_DATE),
    ("slashed date", {"set": {"application_end": "2025/06/30"}}, "application_end", e.BAD_DATE),
    (
        "end before start",
        {"set": {"application_end": "2025-03-31"}},
        "application_end",
        e.DATE_ORDER,
    ),
    ("unknown kind", {"set": {"kind": "gift"}}, "kind", e.UNKNOWN_KIND),
    (
        "unknown level",
        {"set": {"provider_level": "ward"}},
        "provider_level",
        e.UNKNOWN_PROVIDER_LEVEL,
    ),
    ("unknown industry", {"set": {"industries": ["農業"]}}, "industries", e.UNKNOWN_INDUSTRY),
    ("no industries", {"set": {"industries": []}}, "industries", e.BLANK_VALUE),
    ("text int", {"set": {"max_employees": "twenty"}}, "max_employees", e.WRONG_TYPE),
    ("negative int", {"set": {"amount_max_yen": -1}}, "amount_max_yen", e.NEGATIVE_NUMBER),
    (
        "percent over 100",
        {"set": {"min_sales_decline_percent": 101}},
        "min_sales_decline_percent",
        e.PERCENT_OUT_OF_RANGE,
    ),
    ("null title", {"set": {"title": None}}, "title", e.NULL_VALUE),
    ("blank id", {"set": {"id": " "}}, "id", e.BLANK_VALUE),
    ("javascript url", {"set": {"official_url": "javascript:alert(1)"}}, "official_url", e.BAD_URL),
]


def broken(change: dict) -> dict:
    row = valid_row(id="bad")
    row.pop(change.get("drop"), None)
    row.update(change.get("set", {}))
    return row


@pytest.mark.parametrize(
    ("name", "change", "field", "code"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS]
)
def test_a_bad_jsonl_row_rejects_the_whole_file_with_its_line(name, change, field, code):
    data = jsonl(valid_row(id="a"), valid_row(id="b"), broken(change))
    assert problems_of(parse_jsonl, data) == [(3, field, code)]


# In CSV the keys are the header's columns, checked once on line 1 (tested below).
CSV_BAD_ROWS = [b for b in BAD_ROWS if b[3] not in (e.MISSING_KEY, e.UNKNOWN_KEY)]


@pytest.mark.parametrize(
    ("name", "change", "field", "code"), CSV_BAD_ROWS, ids=[b[0] for b in CSV_BAD_ROWS]
)
def test_a_bad_csv_row_rejects_the_whole_file_with_its_line(name, change, field, code):
    data = to_csv([valid_row(id="a"), valid_row(id="b"), broken(change)])
    assert problems_of(parse_csv, data) == [(4, field, code)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, e.WRONG_TYPE),
        (20.0, e.WRONG_TYPE),
        ("20", e.WRONG_TYPE),
    ],
)
def test_json_numbers_must_be_real_integers(value, expected):
    assert problems_of(parse_jsonl, jsonl(valid_row(max_employees=value))) == [
        (1, "max_employees", expected)
    ]


def test_a_list_field_given_as_text_is_the_wrong_type():
    assert problems_of(parse_jsonl, jsonl(valid_row(purposes="設備投資"))) == [
        (1, "purposes", e.WRONG_TYPE)
    ]


def test_a_duplicate_id_is_reported_on_the_later_line_with_the_first_line():
    data = jsonl(valid_row(id="a"), valid_row(id="b"), valid_row(id="a"))
    with pytest.raises(ImportValidationError) as caught:
        parse_jsonl(data)
    [error] = caught.value.errors
    assert (error.line, error.field, error.code) == (3, "id", e.DUPLICATE_ID)
    assert error.params["first_line"] == 1


def test_a_duplicate_id_in_csv_counts_the_header_line():
    data = to_csv([valid_row(id="a"), valid_row(id="a")])
    assert problems_of(parse_csv, data) == [(3, "id", e.DUPLICATE_ID)]


def test_every_problem_in_the_file_is_reported_not_just_the_first():
    data = jsonl(
        valid_row(id="a", kind="gift"),
        valid_row(id="b"),
        valid_row(id="c", application_start="tomorrow", provider_level="ward"),
    )
    assert problems_of(parse_jsonl, data) == [
        (1, "kind", e.UNKNOWN_KIND),
        (3, "application_start", e.BAD_DATE),
        (3, "provider_level", e.UNKNOWN_PROVIDER_LEVEL),
    ]


def test_a_missing_key_is_reported_once_not_also_as_null():
    row = valid_row()
    del row["documents"]
    assert problems_of(parse_jsonl, jsonl(row)) == [(1, "documents", e.MISSING_KEY)]


def test_invalid_json_is_reported_with_its_line_and_blank_lines_still_count():
    data = jsonl(valid_row(id="a")) + "\n" + '{"id": "b",\n'
    assert problems_of(parse_jsonl, data) == [(3, None, e.INVALID_JSON)]


def test_a_json_line_that_is_not_an_object_is_refused():
    assert problems_of(parse_jsonl, '["m001"]\n') == [(1, None, e.NOT_OBJECT)]


def test_a_non_utf8_file_is_refused_with_the_line_of_the_bad_byte():
    data = jsonl(valid_row(id="a")).encode() + jsonl(valid_row(id="b")).encode("shift_jis")
    assert problems_of(parse_jsonl, data) == [(2, None, e.NOT_UTF8)]


def test_a_shift_jis_csv_is_refused():
    data = to_csv([valid_row()], bom=False).decode("utf-8").encode("shift_jis")
    assert problems_of(parse_csv, data) == [(2, None, e.NOT_UTF8)]


@pytest.mark.parametrize("parse", [parse_jsonl, parse_csv])
@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \r\n"])
def test_an_empty_file_is_refused(parse, data):
    assert problems_of(parse, data) == [(0, None, e.EMPTY_FILE)]


def test_a_csv_with_only_a_header_has_no_records():
    assert problems_of(parse_csv, to_csv([])) == [(0, None, e.NO_RECORDS)]


def test_a_csv_header_missing_a_column_is_refused_on_line_1():
    keys = tuple(k for k in REQUIRED_KEYS if k != "summary_en")
    assert problems_of(parse_csv, to_csv([valid_row()], keys=keys)) == [
        (1, "summary_en", e.MISSING_KEY)
    ]


def test_a_csv_header_with_an_unknown_or_repeated_column_is_refused():
    keys = (*REQUIRED_KEYS, "colour", "title")
    assert problems_of(parse_csv, to_csv([valid_row()], keys=keys)) == [
        (1, "colour", e.UNKNOWN_KEY),
        (1, "title", e.DUPLICATE_COLUMN),
    ]


def test_a_csv_row_with_the_wrong_number_of_cells_is_refused():
    data = to_csv([valid_row()]) + b"x,y\r\n"
    assert problems_of(parse_csv, data) == [(3, None, e.COLUMN_COUNT)]


def test_csv_line_numbers_count_the_physical_lines_of_multi_line_cells():
    data = to_csv([valid_row(id="a", summary="一行目\r\n二行目"), valid_row(id="b", kind="gift")])
    assert problems_of(parse_csv, data) == [(4, "kind", e.UNKNOWN_KIND)]


def test_empty_excel_columns_without_a_header_are_ignored():
    lines = to_csv([valid_row()]).decode("utf-8-sig").splitlines()
    padded = "\r\n".join(line + ",," for line in lines) + "\r\n"
    [record] = parse_csv(padded.encode("utf-8-sig"))
    assert record.id == "t001"


def test_parse_file_picks_the_parser_by_extension(tmp_path):
    (tmp_path / "m.csv").write_bytes(to_csv([valid_row()]))
    (tmp_path / "m.jsonl").write_text(jsonl(valid_row()), encoding="utf-8")
    (tmp_path / "m.xlsx").write_bytes(b"PK")
    assert parse_file(tmp_path / "m.csv") == parse_file(tmp_path / "m.jsonl")
    assert problems_of(parse_file, tmp_path / "m.xlsx") == [(0, None, e.UNSUPPORTED_FORMAT)]


def test_every_error_code_has_a_message():
    codes = {value for name, value in vars(e).items() if name.isupper() and isinstance(value, str)}
    codes -= {"TYPE_TEXT", "TYPE_INTEGER", "TYPE_TEXT_LIST"}
    assert codes == set(e.MESSAGES)


def test_the_error_summary_needs_no_settings_and_names_lines_and_codes():
    with pytest.raises(ImportValidationError) as caught:
        parse_jsonl(jsonl(valid_row(kind="gift")))
    assert "line 1 kind: unknown_kind" in str(caught.value)


def test_record_fields_are_the_format_keys():
    fields = [f for f in MeasureRecord.__dataclass_fields__ if f != "line"]
    assert set(fields) == set(ALL_KEYS)


def test_error_messages_render_in_japanese_with_their_params():
    data = jsonl(valid_row(id="a"), valid_row(id="a", application_start="2025/04/01"))
    with pytest.raises(ImportValidationError) as caught:
        parse_jsonl(data)
    with translation.override("ja"):
        messages = [str(err.message) for err in caught.value.errors]
    assert messages == [
        "項目「application_start」の日付「2025/04/01」が正しくありません"
        "（YYYY-MM-DD の形で書いてください）",
        "ID「a」が重複しています（1行目と同じです）",
    ]


@pytest.mark.parametrize("value", ["all", "sme", "small"])
def test_target_size_is_read_from_jsonl_and_csv(value):
    row = valid_row(target_size=value)
    (from_jsonl,) = parse_jsonl(jsonl(row))
    (from_csv,) = parse_csv(to_csv([row]))
    assert from_jsonl.target_size == from_csv.target_size == value
    assert from_jsonl.to_facts(date(2025, 5, 1), closing_soon_days=14).target_size == value


def test_target_size_is_optional_and_defaults_to_all():
    (record,) = parse_jsonl(jsonl(valid_row()))
    assert record.target_size == "all"
    (from_csv,) = parse_csv(to_csv([valid_row()], keys=REQUIRED_KEYS))
    assert from_csv.target_size == "all"


@pytest.mark.parametrize("value,code", [("medium", e.UNKNOWN_TARGET_SIZE), (5, e.WRONG_TYPE)])
def test_an_unknown_target_size_is_a_row_error_with_its_line(value, code):
    data = jsonl(valid_row(id="a"), valid_row(id="b", target_size=value))
    assert problems_of(parse_jsonl, data) == [(2, "target_size", code)]
