"""The everyday-words dictionary: staff-editable synonym rules, their CSV format and defaults.

* `csv_format`: parse and write the CSV staff import and export (pure: no database).
* `sync`: compare parsed rows with the `SynonymGroup` rows, apply all or nothing, export.
* `default_everyday.csv`: the reviewed default rules shipped with the code, with their sources.

See docs/search.md, "Everyday-words dictionary".
"""

from pathlib import Path

from .csv_format import Rule, parse

DEFAULT_FILE = Path(__file__).with_name("default_everyday.csv")


def default_rules() -> list[Rule]:
    """The rules of the shipped default file."""
    return parse(DEFAULT_FILE.read_bytes())
