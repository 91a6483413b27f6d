"""The keys of the import format, their types, and the checks on their values.

Both the JSONL and the CSV reader turn a row into a plain mapping first; the checks
here are the one place that decides what a valid measure record is.
"""

import re
from datetime import date

from ..rules.checker import TARGET_ALL, TARGET_SMALL, TARGET_SME
from ..rules.sme import INDUSTRY_SOURCE_LABELS, industry_code_from_label
from ..rules.taxonomy import MeasureKind, ProviderLevel
from . import errors as e

REQUIRED_TEXT = ("id", "title", "provider", "summary", "eligibility", "how_to_apply", "summary_en")
OPTIONAL_TEXT = ("short_title", "subsidy_rate", "interest", "official_url")
CHOICE = ("provider_level", "kind")
REQUIRED_LISTS = ("purposes", "industries", "documents")
OPTIONAL_INTS = ("max_employees", "min_sales_decline_percent", "amount_max_yen")
OPTIONAL_DATES = ("application_start", "application_end")

# English translations, used by the project's demo file. They may be absent.
EXTRA_TEXT = (
    "title_en",
    "short_title_en",
    "eligibility_en",
    "how_to_apply_en",
    "provider_en",
    "subsidy_rate_en",
    "interest_en",
)
EXTRA_LISTS = ("documents_en",)

# Which business sizes a measure is for; absent or empty means all sizes.
TARGET_SIZE_KEY = "target_size"
TARGET_SIZE_VALUES = (TARGET_ALL, TARGET_SME, TARGET_SMALL)

# Order of the corpus README, which is also the CSV column order we write.
REQUIRED_KEYS = (
    "id",
    "title",
    "short_title",
    "provider",
    "provider_level",
    "kind",
    "purposes",
    "industries",
    "max_employees",
    "min_sales_decline_percent",
    "amount_max_yen",
    "subsidy_rate",
    "interest",
    "application_start",
    "application_end",
    "summary",
    "eligibility",
    "how_to_apply",
    "documents",
    "official_url",
    "summary_en",
)
OPTIONAL_KEYS = (TARGET_SIZE_KEY, *EXTRA_TEXT, *EXTRA_LISTS)
ALL_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
LIST_KEYS = REQUIRED_LISTS + EXTRA_LISTS
INT_KEYS = OPTIONAL_INTS

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN_VALUE_LIMIT = 40


def check_keys(keys, line: int) -> list[e.RowError]:
    present = set(keys)
    problems = [
        e.row_error(line, key, e.MISSING_KEY) for key in REQUIRED_KEYS if key not in present
    ]
    known = set(ALL_KEYS)
    problems += [e.row_error(line, key, e.UNKNOWN_KEY) for key in keys if key not in known]
    return problems


def clean(row: dict, line: int) -> tuple[dict, list[e.RowError]]:
    """Check one row's values. Returns the typed values and the problems found.

    Keys are assumed checked by check_keys; a missing optional key becomes None or ().
    """
    values, problems = {}, []
    # A missing key is reported once, by check_keys, not again as a null value.
    absent = set(REQUIRED_KEYS) - set(row)

    def problem(key, code, **params):
        if key not in absent:
            problems.append(e.row_error(line, key, code, **params))

    for key in REQUIRED_TEXT:
        value = row.get(key)
        if value is None:
            problem(key, e.NULL_VALUE)
        elif not isinstance(value, str):
            problem(key, e.WRONG_TYPE, expected=e.TYPE_TEXT)
        elif not value.strip():
            problem(key, e.BLANK_VALUE)
        else:
            values[key] = value

    for key in OPTIONAL_TEXT + EXTRA_TEXT:
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            problem(key, e.WRONG_TYPE, expected=e.TYPE_TEXT)
        else:
            # An empty cell and an empty string mean the same: no value.
            values[key] = value if value and value.strip() else None

    url = values.get("official_url")
    if url is not None and not url.startswith(("https://", "http://")):
        problem("official_url", e.BAD_URL)

    _clean_choice(row, "kind", MeasureKind, e.UNKNOWN_KIND, values, problem)
    _clean_choice(row, "provider_level", ProviderLevel, e.UNKNOWN_PROVIDER_LEVEL, values, problem)

    _clean_target_size(row, values, problem)

    for key in LIST_KEYS:
        value = row.get(key)
        if value is None and key in EXTRA_LISTS:
            values[key] = ()
        elif not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problem(key, e.WRONG_TYPE, expected=e.TYPE_TEXT_LIST)
        else:
            values[key] = tuple(item.strip() for item in value if item.strip())

    if "industries" in values:
        _check_industries(values["industries"], problem)

    for key in OPTIONAL_INTS:
        value = row.get(key)
        # bool is an int in Python, but true/false is not a count.
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            problem(key, e.WRONG_TYPE, expected=e.TYPE_INTEGER)
        elif value is not None and value < 0:
            problem(key, e.NEGATIVE_NUMBER)
        elif key == "min_sales_decline_percent" and value is not None and value > 100:
            problem(key, e.PERCENT_OUT_OF_RANGE)
        else:
            values[key] = value

    for key in OPTIONAL_DATES:
        value = row.get(key)
        if value is None:
            values[key] = None
        elif not isinstance(value, str):
            problem(key, e.WRONG_TYPE, expected=e.TYPE_TEXT)
        else:
            parsed = parse_iso_date(value)
            if parsed is None:
                problem(key, e.BAD_DATE, value=_shown(value))
            else:
                values[key] = parsed

    start, end = values.get("application_start"), values.get("application_end")
    if start and end and end < start:
        problem("application_end", e.DATE_ORDER, start=start.isoformat(), end=end.isoformat())

    return values, problems


def parse_iso_date(value: str) -> date | None:
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _clean_choice(row, key, choices, code, values, problem):
    value = row.get(key)
    if value is None:
        problem(key, e.NULL_VALUE)
    elif not isinstance(value, str):
        problem(key, e.WRONG_TYPE, expected=e.TYPE_TEXT)
    elif value not in choices.values:
        problem(key, code, value=_shown(value), allowed=", ".join(choices.values))
    else:
        values[key] = value


def _clean_target_size(row, values, problem):
    value = row.get(TARGET_SIZE_KEY)
    if value is None or (isinstance(value, str) and not value.strip()):
        values[TARGET_SIZE_KEY] = TARGET_ALL
    elif not isinstance(value, str):
        problem(TARGET_SIZE_KEY, e.WRONG_TYPE, expected=e.TYPE_TEXT)
    elif value.strip() not in TARGET_SIZE_VALUES:
        allowed = ", ".join(TARGET_SIZE_VALUES)
        problem(TARGET_SIZE_KEY, e.UNKNOWN_TARGET_SIZE, value=_shown(value), allowed=allowed)
    else:
        values[TARGET_SIZE_KEY] = value.strip()


def _check_industries(labels, problem):
    if not labels:
        problem("industries", e.BLANK_VALUE)
        return
    for label in labels:
        try:
            industry_code_from_label(label)
        except ValueError:
            allowed = ", ".join(INDUSTRY_SOURCE_LABELS)
            problem("industries", e.UNKNOWN_INDUSTRY, value=_shown(label), allowed=allowed)


def _shown(value: str) -> str:
    if len(value) <= _SHOWN_VALUE_LIMIT:
        return value
    return value[: _SHOWN_VALUE_LIMIT - 1] + "…"
