"""The dictionary file against the `SynonymGroup` rows: plan, apply (all or nothing), export.

A rule is identified by its key (direction and normalised first word). Importing a file
adds the rules whose key is new, changes the words or memo of rules whose key exists,
and, only when asked, deletes the rows the file does not have. `plan` writes nothing
(the dry run shows it); `apply` carries out a plan in one transaction and drops the
cached synonyms, so the search uses the new rules at once (bulk writes send no signals).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from ..models import SynonymGroup
from ..synonyms.stored import invalidate
from .csv_format import Rule, rule_key


@dataclass
class Plan:
    added: list[Rule] = field(default_factory=list)
    changed: list[tuple[SynonymGroup, Rule]] = field(default_factory=list)
    deleted: list[SynonymGroup] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.deleted)


def group_rule(group: SynonymGroup) -> Rule:
    return Rule(direction=group.direction, terms=tuple(group.term_list()), note=group.note)


def plan(rules: Iterable[Rule], *, delete_missing: bool = False, add_only: bool = False) -> Plan:
    """What importing `rules` would do to the table (nothing is written).

    add_only: leave existing keys alone (the default set's loader: staff edits win).
    """
    existing: dict[tuple[str, str], SynonymGroup] = {}
    extra: list[SynonymGroup] = []
    for group in SynonymGroup.objects.order_by("pk"):
        key = rule_key(group.direction, group.term_list())
        if key in existing:
            extra.append(group)
        else:
            existing[key] = group
    result = Plan()
    seen = set()
    for rule in rules:
        seen.add(rule.key)
        group = existing.get(rule.key)
        if group is None:
            result.added.append(rule)
        elif add_only or (tuple(group.term_list()), group.note) == (rule.terms, rule.note):
            result.unchanged += 1
        else:
            result.changed.append((group, rule))
    if delete_missing:
        result.deleted = [g for k, g in existing.items() if k not in seen] + extra
    return result


@transaction.atomic
def apply(result: Plan) -> None:
    SynonymGroup.objects.bulk_create(
        SynonymGroup(direction=r.direction, terms=r.terms_text, note=r.note) for r in result.added
    )
    for group, rule in result.changed:
        group.terms, group.note = rule.terms_text, rule.note
    SynonymGroup.objects.bulk_update([g for g, _ in result.changed], ["terms", "note"])
    SynonymGroup.objects.filter(pk__in=[g.pk for g in result.deleted]).delete()
    invalidate()


def export_rules() -> list[Rule]:
    return [group_rule(group) for group in SynonymGroup.objects.order_by("pk")]
