"""Free text and single-line fields: reject what can hide or break things.

Rejected everywhere: C0 controls except TAB, LF and CR; DEL; C1 controls; and
the bidi embedding, override and isolate characters (U+202A-U+202E,
U+2066-U+2069), which can make text display in an order other than the one
stored ("Trojan Source"): a name or note that reads one way in the console and
another in a CSV export.

Length is counted in code points after NFC and after CRLF/CR -> LF, so it
matches what a browser's ``maxlength`` counts (a line break is one character,
and a kana typed decomposed counts as the one character it looks like).
Values are returned in that normalised form.

Names (``check_name``) must also show something: a value made only of invisible
characters (zero-width spaces and joiners, word joiners, BOMs, soft hyphens, Hangul
fillers, combining marks on nothing, …) is refused, and so is U+FFFD, the replacement
character a browser or proxy puts where it could not decode what was typed.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BIDI_CONTROLS = frozenset(chr(cp) for cp in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_ALLOWED_C0 = frozenset("\t\n\r")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")

_HIRAGANA = (0x3041, 0x3096)
_KATAKANA = (0x30A1, 0x30FA)
_LONG_VOWEL_MARK = "\u30fc"

MESSAGES = {
    "control_character": _("入力できない制御文字が含まれています。"),
    "too_long": _("%(limit)d文字以内で入力してください（現在%(length)d文字）。"),
    "line_break": _("改行は入力できません。1行で入力してください。"),
    "not_kana": _("ふりがなは、ひらがなかカタカナで入力してください。"),
    "invisible_only": _("目に見える文字が入っていません。名前を入力してください。"),
    "replacement_character": _("読み取れない文字（�）が含まれています。入力し直してください。"),
}

# Categories that draw nothing on their own: format (zero-width and bidi marks, BOM,
# soft hyphen, tags), controls, surrogates, private use, unassigned, separators, and
# combining marks (which need a base character).
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols that render blank: Hangul fillers, the braille blank, the object
# replacement character.
_BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\ufffc")
_REPLACEMENT_CHARACTER = "\ufffd"


def _is_forbidden(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x20:
        return ch not in _ALLOWED_C0
    return cp == 0x7F or 0x80 <= cp <= 0x9F or ch in _BIDI_CONTROLS


def without_forbidden(value: str) -> str:
    """The value with every rejected character removed: safe to show back in a form."""
    return "".join(ch for ch in value if not _is_forbidden(ch))


def _normalise(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _check_length(value: str, max_len: int | None) -> None:
    if max_len is not None and len(value) > max_len:
        raise ValidationError(
            MESSAGES["too_long"],
            code="too_long",
            params={"limit": max_len, "length": len(value)},
        )


def check_free_text(value: str, max_len: int | None) -> str:
    """Validate multi-line text; return it NFC-normalised with LF line breaks."""
    if any(_is_forbidden(ch) for ch in value):
        raise ValidationError(MESSAGES["control_character"], code="control_character")
    value = _normalise(value)
    _check_length(value, max_len)
    return value


def check_single_line(value: str, max_len: int | None) -> str:
    """Like check_free_text, but line breaks (including U+2028/9) are rejected."""
    if any(ch in _LINE_BREAKS for ch in value):
        raise ValidationError(MESSAGES["line_break"], code="line_break")
    return check_free_text(value, max_len)


def _is_visible(ch: str) -> bool:
    return ch not in _BLANK_CHARACTERS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES


def check_name(value: str, max_len: int | None) -> str:
    """A single line that shows at least one character and holds no U+FFFD."""
    value = check_single_line(value, max_len)
    if _REPLACEMENT_CHARACTER in value:
        raise ValidationError(MESSAGES["replacement_character"], code="replacement_character")
    if not any(_is_visible(ch) for ch in value):
        raise ValidationError(MESSAGES["invisible_only"], code="invisible_only")
    return value


def _is_kana_or_space(ch: str) -> bool:
    cp = ord(ch)
    return (
        ch == " "
        or ch == _LONG_VOWEL_MARK
        or _HIRAGANA[0] <= cp <= _HIRAGANA[1]
        or _KATAKANA[0] <= cp <= _KATAKANA[1]
    )


def check_furigana(value: str, max_len: int | None = None) -> str:
    """Allow hiragana, katakana, spaces and the long-vowel mark only.

    Half-width katakana and the ideographic space are folded (NFKC) first, so
    ``ﾔﾏﾀﾞ　ﾀﾛｳ`` is accepted and returned as ``ヤマダ タロウ``. The middle dot
    (・) is not accepted.
    """
    value = unicodedata.normalize("NFKC", value).strip()
    if not all(_is_kana_or_space(ch) for ch in value):
        raise ValidationError(MESSAGES["not_kana"], code="not_kana")
    _check_length(value, max_len)
    return value
