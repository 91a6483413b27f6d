"""Email address comparison for the "enter it twice" confirmation field.

Only full-width ASCII (U+FF01-U+FF5E, which includes ＠) and the ideographic
space are folded; other characters are left alone, because an address with
them is either internationalised (and must stay as typed) or will fail the
form's EmailValidator anyway. The domain is case-insensitive and lower-cased;
the local part is, by RFC 5321, case-sensitive and kept as typed.
"""

from __future__ import annotations

_WIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize_email(value: str) -> str:
    folded = value.translate(_WIDTH_FOLD).strip()
    local, at, domain = folded.rpartition("@")
    if not at:
        return folded
    return f"{local}@{domain.lower()}"


def emails_match(first: str, second: str) -> bool:
    return normalize_email(first) == normalize_email(second)
