"""Add the shipped default rules to the SynonymGroup table without touching staff edits.

Used by migration 0005 (with the historical model) and `manage.py load_search_dictionary`.
A default rule is added when no row has its key. A row with the key keeps its words,
unless they are still exactly the first default set's (migration 0002, frozen in
search.synonyms.defaults): such a row was never edited, so it takes the new words.
"""

from ..synonyms.defaults import ONE_WAY as FIRST_ONE_WAY
from ..synonyms.defaults import TWO_WAY as FIRST_TWO_WAY
from . import DEFAULT_FILE
from .csv_format import ONE_WAY, TWO_WAY, parse, rule_key, split_terms


def first_defaults() -> set[tuple[str, tuple[str, ...]]]:
    """(direction, terms) of every row migration 0002 seeded."""
    rows = {(TWO_WAY, (head, *others)) for head, others in FIRST_TWO_WAY}
    return rows | {(ONE_WAY, (head, *others)) for head, others in FIRST_ONE_WAY}


def add_default_rules(model, path=DEFAULT_FILE, *, dry_run: bool = False) -> dict[str, int]:
    """Counts of rules added, updated (unedited first defaults) and kept."""
    rules = parse(path.read_bytes())
    rows = {}
    for group in model.objects.order_by("pk"):
        terms = split_terms(group.terms)
        rows.setdefault(rule_key(group.direction, terms), (group, terms))
    pristine = first_defaults()
    counts = {"added": 0, "updated": 0, "kept": 0}
    new = []
    for rule in rules:
        found = rows.get(rule.key)
        if found is None:
            counts["added"] += 1
            new.append(model(direction=rule.direction, terms=rule.terms_text, note=rule.note))
            continue
        group, terms = found
        if (group.direction, terms) in pristine and not group.note:
            counts["updated"] += 1
            if not dry_run:
                group.terms, group.note = rule.terms_text, rule.note
                group.save(update_fields=["terms", "note"])
        else:
            counts["kept"] += 1
    if not dry_run:
        model.objects.bulk_create(new)
    return counts
