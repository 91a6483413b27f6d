"""Small-cell suppression for published statistics (pure: counts in, counts or None out).

The consultation tables it protects are built in ``intake.reporting``.

Rule (primary suppression): a count of 1 to threshold-1 (1-4 by default) is
replaced by None, shown as "5未満". Zero is published as 0: it says nobody
fell in the cell, which identifies no one, and hiding zeros would make most
tables unreadable without adding protection.

Complementary suppression: published tables come with totals, so a lone
suppressed cell in a line (a row, a column, or any axis of a larger table)
could be recovered as total minus the others. Wherever a line holds exactly
one suppressed cell, the smallest other non-zero cell in that line is
suppressed too (a zero only if no non-zero cell is left, since a suppressed 0
would be easy to guess). This repeats until no line has a lone suppressed
cell, because each new suppression can create one in a crossing line; among
equal candidates the one that also fixes a crossing line is chosen, to keep
the number of hidden cells down (a heuristic, not an optimal solution).

A table key is a tuple of category values, e.g. ``("北区", "製造業")``; all keys
must have the same length. A line is the set of cells that agree on every
position but one. Totals must be computed from the original counts by the
caller; a line with a single cell cannot be protected by this function, so
its total must not be published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD = 5

Key = tuple[Hashable, ...]


def _lines(keys: list[Key], width: int) -> list[list[Key]]:
    lines: list[list[Key]] = []
    for axis in range(width):
        groups: dict[Key, list[Key]] = defaultdict(list)
        for key in keys:
            groups[key[:axis] + key[axis + 1 :]].append(key)
        lines.extend(groups.values())
    return lines


def suppress(table: Mapping[Key, int], threshold: int = DEFAULT_THRESHOLD) -> dict[Key, int | None]:
    """Return the table with small and complementary cells replaced by None."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1.")
    widths = {len(key) for key in table}
    if len(widths) > 1:
        raise ValueError("All table keys must have the same number of categories.")
    if any(count < 0 for count in table.values()):
        raise ValueError("Counts cannot be negative.")
    hidden = {key for key, count in table.items() if 0 < count < threshold}
    lines = _lines(list(table), widths.pop()) if table else []
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        for key in line:
            lines_of[key].append(index)

    def hidden_in(index: int) -> int:
        return sum(key in hidden for key in lines[index])

    def cost(key: Key, current: int) -> tuple[bool, int, int, tuple[str, ...]]:
        # Prefer a complement that also completes a crossing line with a lone
        # suppressed cell over one that leaves a crossing line with a new one.
        crossing = [hidden_in(index) for index in lines_of[key] if index != current]
        new_lone = crossing.count(0) - crossing.count(1)
        count = table[key]
        return count == 0, new_lone, count, tuple(str(part) for part in key)

    changed = bool(hidden)
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if hidden_in(index) != 1:
                continue
            candidates = [key for key in line if key not in hidden]
            if candidates:
                hidden.add(min(candidates, key=lambda key: cost(key, index)))
                changed = True
    return {key: (None if key in hidden else count) for key, count in table.items()}


def suppressed_label(threshold: int = DEFAULT_THRESHOLD):
    """The text shown in place of a suppressed cell, e.g. "5未満"."""
    return format_lazy(_("{threshold}未満"), threshold=threshold)
