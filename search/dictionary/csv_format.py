"""The dictionary's CSV: one rule a row, ``方向,語,メモ``. Parsing only: no database.

* 方向: 一方向 (the first word also searches the others, never the reverse) or 双方向;
  ``one_way`` / ``two_way`` are accepted too.
* 語: the words, separated by 、 , or ，; for 一方向 the owner's word comes first.
* メモ: where the rule comes from, or any note (optional column).

Rows whose first cell starts with ``#`` and blank rows are skipped.
The file must be UTF-8 (Excel: 「CSV UTF-8」); a byte order mark is fine.

Parsing is all-or-nothing: the first problem raises `DictionaryFileError` with the
line number and a message for staff. Two rows with the same key (direction and the
normalised first word) are a duplicate. Cells that the export escaped against formula
injection (a leading ') are read back as written (core.csv_safe.read_cell).
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.csv_safe import read_cell

from ..text import normalize, word_tokens

ONE_WAY, TWO_WAY = "one_way", "two_way"
DIRECTION_NAMES = {"一方向": ONE_WAY, "one_way": ONE_WAY, "双方向": TWO_WAY, "two_way": TWO_WAY}
DIRECTION_LABELS = {ONE_WAY: "一方向", TWO_WAY: "双方向"}
# Header names in the file (Japanese, as exported) and their English equivalents.
COLUMNS = {"方向": "direction", "語": "terms", "メモ": "note"}
COLUMN_ALIASES = {
    **{name: key for name, key in COLUMNS.items()},
    **{k: k for k in COLUMNS.values()},
}
REQUIRED = ("direction", "terms")

TERM_SEPARATORS = re.compile(r"[、,，\n\r]+")
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_TERM_LENGTH = 50  # longer words are cut by query_terms anyway
MAX_NOTE_LENGTH = 200


class DictionaryFileError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.message = message
        super().__init__(self.display())

    def display(self) -> str:
        if self.line is None:
            return self.message
        return _("%(line)d行目: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class Rule:
    direction: str
    terms: tuple[str, ...]
    note: str = ""
    line: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return rule_key(self.direction, self.terms)

    @property
    def terms_text(self) -> str:
        return "、".join(self.terms)


def rule_key(direction: str, terms) -> tuple[str, str]:
    """What identifies a rule: its direction and its first word, normalised."""
    return direction, normalize(terms[0]) if terms else ""


def split_terms(text: str) -> tuple[str, ...]:
    terms = (t.strip() for t in TERM_SEPARATORS.split(text or ""))
    return tuple(dict.fromkeys(t for t in terms if t))


def parse(data: bytes) -> list[Rule]:
    """The rules of a CSV file, or DictionaryFileError at the first problem."""
    if len(data) > MAX_BYTES:
        raise DictionaryFileError(_("ファイルが大きすぎます（1MBまで）。"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DictionaryFileError(
            _("文字コードがUTF-8ではありません。Excelでは「CSV UTF-8」で保存してください。"),
            line,
        ) from None
    if "\x00" in text:
        raise DictionaryFileError(_("CSVファイルではありません。"))
    return parse_text(text)


def parse_text(text: str) -> list[Rule]:
    reader = csv.reader(io.StringIO(text, newline=""))
    columns: dict[str, int] | None = None
    rules: list[Rule] = []
    seen: dict[tuple[str, str], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            cells = [read_cell(cell.strip()) for cell in cells]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if columns is None:
                columns = _header(cells, line)
                continue
            rule = _rule(cells, columns, line)
            if rule.key in seen:
                raise DictionaryFileError(
                    _("「%(term)s」の規則が%(first)d行目と重複しています。")
                    % {"term": rule.terms[0], "first": seen[rule.key]},
                    line,
                )
            seen[rule.key] = line
            rules.append(rule)
            if len(rules) > MAX_ROWS:
                raise DictionaryFileError(_("規則が多すぎます（5,000行まで）。"), line)
    except csv.Error as error:
        raise DictionaryFileError(
            _("CSVとして読めません（%(error)s）。") % {"error": error}, reader.line_num
        ) from None
    if columns is None:
        raise DictionaryFileError(_("見出し行（方向,語,メモ）がありません。"))
    return rules


def _header(cells: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = COLUMN_ALIASES.get(cell.strip().lower()) or COLUMN_ALIASES.get(cell.strip())
        if key and key not in columns:
            columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            name = next(name for name, k in COLUMNS.items() if k == key)
            raise DictionaryFileError(
                _("見出し行に「%(column)s」の列がありません（見出しは 方向,語,メモ）。")
                % {"column": name},
                line,
            )
    return columns


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) else ""


def _rule(cells: list[str], columns: dict[str, int], line: int) -> Rule:
    direction_cell = _cell(cells, columns, "direction")
    direction = DIRECTION_NAMES.get(direction_cell) or DIRECTION_NAMES.get(direction_cell.lower())
    if direction is None:
        raise DictionaryFileError(
            _("方向「%(value)s」は使えません。「一方向」か「双方向」と書いてください。")
            % {"value": direction_cell},
            line,
        )
    terms = split_terms(_cell(cells, columns, "terms"))
    if not terms:
        raise DictionaryFileError(_("語が空です。"), line)
    for term in terms:
        if " " in term or "\u3000" in term:
            raise DictionaryFileError(
                _("「%(term)s」: 1語の中にスペースは入れられません。") % {"term": term}, line
            )
        if not word_tokens(normalize(term)):
            raise DictionaryFileError(
                _("「%(term)s」は記号だけで、検索に使えません。") % {"term": term}, line
            )
        if len(term) > MAX_TERM_LENGTH:
            raise DictionaryFileError(
                _("「%(term)s」が長すぎます（50文字まで）。") % {"term": term[:20]}, line
            )
    if len(terms) < 2:
        raise DictionaryFileError(_("語を2つ以上、読点（、）で区切って書いてください。"), line)
    note = _cell(cells, columns, "note")
    if len(note) > MAX_NOTE_LENGTH:
        raise DictionaryFileError(_("メモが長すぎます（200文字まで）。"), line)
    return Rule(direction=direction, terms=terms, note=note, line=line)


def header() -> list[str]:
    return list(COLUMNS)


def row(rule: Rule) -> list[str]:
    return [DIRECTION_LABELS[rule.direction], rule.terms_text, rule.note]
