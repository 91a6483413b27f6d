"""Spot search queries that look like personal data.

Owners sometimes paste a phone number or email into the search box.  The
caller should then neither log the query nor put it into analytics, and may
warn the owner.  The checks err on the side of flagging: a false positive
only costs a missing log line.
"""

import re
import unicodedata

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.ASCII)

# Anything owners put between digit groups of a phone number; ー (long vowel
# mark) is a common IME slip for the hyphen.
_SEPARATOR_CLASS = r"[\s\-‐‑‒–—―−ー()（）.]"
_SEPARATORS = re.compile(_SEPARATOR_CLASS)

# Starts with 0 or +81, then digit groups with optional separators.
_PHONE_CANDIDATE = re.compile(
    rf"(?<![\d+])(?:\+\s?81{_SEPARATOR_CLASS}*\(?0?\)?|0)\d(?:{_SEPARATOR_CLASS}{{0,2}}\d)+"
)
_LONG_DIGIT_RUN = re.compile(r"\d{10,}")
_POSTAL_CODE = re.compile(r"(?:〒\s*\d{3}\s*-?\s*\d{4}(?!\d))|(?<![\d\-])\d{3}-\d{4}(?![\d\-])")
# My Number (12 digits) written in groups: 1234 5678 9012, 1234-5678-9012.
_GROUPED_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{4}[\s\-]\d{4}[\s\-]\d{4}(?!\d)")


def looks_like_personal_data(q: str) -> bool:
    text = unicodedata.normalize("NFKC", q)
    return bool(
        _EMAIL.search(text)
        or _LONG_DIGIT_RUN.search(text)
        or _POSTAL_CODE.search(text)
        or _GROUPED_TWELVE_DIGITS.search(text)
        or any(_is_phone_number(m.group()) for m in _PHONE_CANDIDATE.finditer(text))
    )


def _is_phone_number(candidate: str) -> bool:
    digits = re.sub(r"\D", "", _SEPARATORS.sub("", candidate))
    if candidate.lstrip().startswith("+"):
        national = digits.removeprefix("81").removeprefix("0")
        return 9 <= len(national) <= 10
    return 10 <= len(digits) <= 11
