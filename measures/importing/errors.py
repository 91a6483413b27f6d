"""Problems found in an import file, each tied to a line and a field."""

from dataclasses import dataclass, field

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

MISSING_KEY = "missing_key"
UNKNOWN_KEY = "unknown_key"
DUPLICATE_COLUMN = "duplicate_column"
NULL_VALUE = "null_value"
BLANK_VALUE = "blank_value"
WRONG_TYPE = "wrong_type"
BAD_DATE = "bad_date"
DATE_ORDER = "date_order"
UNKNOWN_KIND = "unknown_kind"
UNKNOWN_PROVIDER_LEVEL = "unknown_provider_level"
UNKNOWN_INDUSTRY = "unknown_industry"
UNKNOWN_TARGET_SIZE = "unknown_target_size"
NEGATIVE_NUMBER = "negative_number"
PERCENT_OUT_OF_RANGE = "percent_out_of_range"
BAD_URL = "bad_url"
DUPLICATE_ID = "duplicate_id"
INVALID_JSON = "invalid_json"
NOT_OBJECT = "not_object"
INVALID_CSV = "invalid_csv"
COLUMN_COUNT = "column_count"
UNNAMED_COLUMN = "unnamed_column"
NOT_UTF8 = "not_utf8"
EMPTY_FILE = "empty_file"
NO_RECORDS = "no_records"
UNSUPPORTED_FORMAT = "unsupported_format"

MESSAGES = {
    MISSING_KEY: _("必須の項目「%(field)s」がありません"),
    UNKNOWN_KEY: _("不明な項目「%(field)s」があります"),
    DUPLICATE_COLUMN: _("項目「%(field)s」が二度出てきます"),
    NULL_VALUE: _("項目「%(field)s」は空にできません"),
    BLANK_VALUE: _("項目「%(field)s」が空欄です"),
    WRONG_TYPE: _("項目「%(field)s」の値の型が正しくありません（%(expected)sにしてください）"),
    BAD_DATE: _(
        "項目「%(field)s」の日付「%(value)s」が正しくありません（YYYY-MM-DD の形で書いてください）"
    ),
    DATE_ORDER: _("受付終了日（%(end)s）が受付開始日（%(start)s）より前です"),
    UNKNOWN_KIND: _("支援の種類「%(value)s」は使えません（使えるもの: %(allowed)s）"),
    UNKNOWN_PROVIDER_LEVEL: _("実施機関の区分「%(value)s」は使えません（使えるもの: %(allowed)s）"),
    UNKNOWN_INDUSTRY: _("業種「%(value)s」は使えません（使えるもの: %(allowed)s）"),
    UNKNOWN_TARGET_SIZE: _("対象の規模「%(value)s」は使えません（使えるもの: %(allowed)s）"),
    NEGATIVE_NUMBER: _("項目「%(field)s」は0以上の整数にしてください"),
    PERCENT_OUT_OF_RANGE: _("項目「%(field)s」は0から100までの整数にしてください"),
    BAD_URL: _("項目「%(field)s」は http:// か https:// で始まるURLにしてください"),
    DUPLICATE_ID: _("ID「%(value)s」が重複しています（%(first_line)s行目と同じです）"),
    INVALID_JSON: _("JSONとして読み取れません（%(column)s文字目付近）"),
    NOT_OBJECT: _("この行はJSONのオブジェクト（{ … }）ではありません"),
    INVALID_CSV: _("CSVとして読み取れません"),
    COLUMN_COUNT: _("列の数が見出し行と合いません（見出し%(expected)s列、この行%(actual)s列）"),
    UNNAMED_COLUMN: _("見出しのない列に値があります"),
    NOT_UTF8: _("文字コードがUTF-8ではありません（UTF-8で保存し直してください）"),
    EMPTY_FILE: _("ファイルが空です"),
    NO_RECORDS: _("取り込む支援策が1件もありません"),
    UNSUPPORTED_FORMAT: _("対応していないファイル形式です（.jsonl か .csv にしてください）"),
}

# Names of the expected types, shown in WRONG_TYPE messages.
TYPE_TEXT = _("文字列")
TYPE_INTEGER = _("整数")
TYPE_TEXT_LIST = _("文字列のリスト")


def _interpolate(template, params):
    return str(template) % params


interpolate_lazy = lazy(_interpolate, str)


@dataclass(frozen=True)
class RowError:
    """One problem. `line` is the 1-based line in the file; 0 means the file as a whole.

    `message` is lazy and rendered in the active language when shown; `code` and
    `params` carry the same facts for code and tests.
    """

    line: int
    field: str | None
    message: str = field(compare=False)
    code: str = ""
    params: dict = field(default_factory=dict, compare=False)


def row_error(line: int, field_name: str | None, code: str, **params) -> RowError:
    params.setdefault("field", field_name)
    return RowError(
        line=line,
        field=field_name,
        message=interpolate_lazy(MESSAGES[code], params),
        code=code,
        params=params,
    )


class ImportValidationError(Exception):
    """The file is invalid; nothing of it may be imported."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda e: (e.line, e.field or ""))
        # English codes only: str() must work without settings or a language.
        summary = "; ".join(
            f"line {e.line}" + (f" {e.field}" if e.field else "") + f": {e.code}"
            for e in self.errors[:10]
        )
        more = len(self.errors) - 10
        if more > 0:
            summary += f"; and {more} more"
        super().__init__(f"{len(self.errors)} problem(s) in import file: {summary}")
