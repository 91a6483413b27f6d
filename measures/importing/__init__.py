"""Reading measure import files (JSONL, CSV) into validated records."""

from .errors import ImportValidationError, RowError
from .records import MeasureRecord, parse_csv, parse_file, parse_jsonl

__all__ = [
    "ImportValidationError",
    "MeasureRecord",
    "RowError",
    "parse_csv",
    "parse_file",
    "parse_jsonl",
]
