"""Double bookings of a room or a consultant between touring sessions."""

import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from .dates import format_date, format_time_range
from .errors import PlanningError, render_message
from .tz import TOKYO, instant, require_aware

ROOM = "room"
CONSULTANT = "consultant"

CONFLICT_MESSAGES = {
    ROOM: _("同じ会場・部屋で %(date)s %(time_range)s の相談会と時間が重なっています。"),
    CONSULTANT: _(
        "相談員 %(consultant)s は %(date)s %(time_range)s の別の相談会に割り当てられています。"
    ),
}


@dataclass(frozen=True)
class PlannedSession:
    """What conflict checking needs to know about one session (saved or not)."""

    key: Hashable
    venue_id: int
    room: str
    starts_at: datetime
    ends_at: datetime
    consultant_ids: frozenset[int] = frozenset()
    cancelled: bool = False

    def __post_init__(self):
        require_aware(self.starts_at, "starts_at")
        require_aware(self.ends_at, "ends_at")
        if instant(self.ends_at) <= instant(self.starts_at):
            raise PlanningError(
                "end_not_after_start",
                _("終了時刻は開始時刻より後にしてください。"),
            )


@dataclass(frozen=True)
class Conflict:
    kind: str
    other_key: Hashable
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        return CONFLICT_MESSAGES[self.kind]

    def message_params(self, lang: str = "ja", consultant_names=None) -> dict:
        """Params formatted for display; consultant ids map through names."""
        starts_at, ends_at = self.params["starts_at"], self.params["ends_at"]
        formatted = {
            "date": format_date(starts_at.astimezone(TOKYO).date(), lang),
            "time_range": format_time_range(starts_at, ends_at, lang),
        }
        if self.kind == CONSULTANT:
            consultant_id = self.params["consultant_id"]
            names = consultant_names or {}
            formatted["consultant"] = names.get(consultant_id, str(consultant_id))
        return formatted

    def render(self, lang: str = "ja", consultant_names=None) -> str:
        """The message in the active language (needs Django's translation)."""
        return render_message(self.message, self.message_params(lang, consultant_names))


def _room_key(room: str) -> str:
    # "第１会議室" typed with full-width digits is the same room as "第1会議室".
    return unicodedata.normalize("NFKC", room or "").strip().casefold()


def overlaps(a: PlannedSession, b: PlannedSession) -> bool:
    """Half-open intervals: 10:00–12:00 and 12:00–14:00 do not overlap."""
    return instant(a.starts_at) < instant(b.ends_at) and instant(b.starts_at) < instant(a.ends_at)


def _conflicts_between(candidate: PlannedSession, other: PlannedSession) -> list[Conflict]:
    if other.key == candidate.key or other.cancelled or candidate.cancelled:
        return []
    if not overlaps(candidate, other):
        return []
    when = {"starts_at": other.starts_at, "ends_at": other.ends_at}
    found = []
    if other.venue_id == candidate.venue_id and _room_key(other.room) == _room_key(candidate.room):
        found.append(
            Conflict(ROOM, other.key, {**when, "venue_id": other.venue_id, "room": other.room})
        )
    for consultant_id in sorted(candidate.consultant_ids & other.consultant_ids):
        found.append(Conflict(CONSULTANT, other.key, {**when, "consultant_id": consultant_id}))
    return found


def find_conflicts(candidate: PlannedSession, existing: Iterable[PlannedSession]) -> list[Conflict]:
    """Every conflict of ``candidate`` with ``existing``, in time order.

    Cancelled sessions never conflict, and a session never conflicts with
    itself (same key), so an edited session can be checked against a list that
    still holds its old version.
    """
    others = sorted(existing, key=lambda s: (instant(s.starts_at), instant(s.ends_at)))
    return [c for other in others for c in _conflicts_between(candidate, other)]


def find_batch_conflicts(
    batch: Iterable[PlannedSession], existing: Iterable[PlannedSession] = ()
) -> dict[Hashable, list[Conflict]]:
    """Conflicts of each new session with ``existing`` and with the rest of the batch.

    Returns only the keys that have conflicts. A clash inside the batch is
    reported on both sessions, each pointing at the other.
    """
    batch = list(batch)
    keys = [s.key for s in batch]
    if len(set(keys)) != len(keys):
        raise ValueError("every session in a batch needs its own key")
    batch_keys = set(keys)
    pool = [s for s in existing if s.key not in batch_keys] + batch
    result = {}
    for candidate in batch:
        conflicts = find_conflicts(candidate, pool)
        if conflicts:
            result[candidate.key] = conflicts
    return result
