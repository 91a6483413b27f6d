import re
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

import pytest

from schedule.planning.conflicts import (
    CONSULTANT,
    ROOM,
    Conflict,
    PlannedSession,
    find_batch_conflicts,
    find_conflicts,
)
from schedule.planning.errors import PlanningError

TOKYO = ZoneInfo("Asia/Tokyo")


def at(hour, minute=0, day=12):
    return datetime(2027, 1, day, hour, minute, tzinfo=TOKYO)


def session(key, start, end, venue=1, room="第1会議室", consultants=(), cancelled=False):
    return PlannedSession(
        key=key,
        venue_id=venue,
        room=room,
        starts_at=start,
        ends_at=end,
        consultant_ids=frozenset(consultants),
        cancelled=cancelled,
    )


CANDIDATE = session("new", at(10), at(12), consultants={7})


@pytest.mark.parametrize(
    ("other", "kinds"),
    [
        # Same venue and room, overlapping by an hour.
        (session("a", at(11), at(13)), [ROOM]),
        # Touching intervals do not overlap, in either order.
        (session("a", at(12), at(14)), []),
        (session("a", at(8), at(10)), []),
        # One inside the other.
        (session("a", at(10, 30), at(11)), [ROOM]),
        # Same times, other room of the same venue.
        (session("a", at(10), at(12), room="第2会議室"), []),
        # Same room name but another venue.
        (session("a", at(10), at(12), venue=2), []),
        # Full-width digits name the same room.
        (session("a", at(10), at(12), room=" 第１会議室"), [ROOM]),
        # Same consultant at another venue.
        (session("a", at(11), at(13), venue=2, consultants={7}), [CONSULTANT]),
        # Same consultant, touching times.
        (session("a", at(12), at(13), venue=2, consultants={7}), []),
        # Same room and same consultant: both reported.
        (session("a", at(11), at(13), consultants={7, 8}), [ROOM, CONSULTANT]),
        # Another day entirely.
        (session("a", at(10, day=13), at(12, day=13), consultants={7}), []),
        # Cancelled sessions never conflict.
        (session("a", at(10), at(12), consultants={7}, cancelled=True), []),
        # A session never conflicts with its own saved version.
        (session("new", at(10), at(12), consultants={7}), []),
    ],
)
def test_conflict_rules(other, kinds):
    assert [c.kind for c in find_conflicts(CANDIDATE, [other])] == kinds


def test_cancelled_candidate_conflicts_with_nothing():
    cancelled = session("new", at(10), at(12), consultants={7}, cancelled=True)
    assert find_conflicts(cancelled, [session("a", at(10), at(12), consultants={7})]) == []


def test_conflicts_name_the_other_session_and_carry_params():
    other = session("a", at(11), at(13), venue=2, consultants={7, 9})
    [conflict] = find_conflicts(session("new", at(10), at(12), consultants={7, 8}), [other])
    assert conflict == Conflict(
        CONSULTANT, "a", {"starts_at": at(11), "ends_at": at(13), "consultant_id": 7}
    )


def test_one_conflict_per_shared_consultant():
    other = session("a", at(11), at(13), venue=2, consultants={3, 7, 9})
    found = find_conflicts(session("new", at(10), at(12), consultants={9, 7, 1}), [other])
    assert [c.params["consultant_id"] for c in found] == [7, 9]


def test_conflicts_are_listed_in_time_order():
    late = session("late", at(11, 30), at(13))
    early = session("early", at(9), at(10, 30))
    assert [c.other_key for c in find_conflicts(CANDIDATE, [late, early])] == ["early", "late"]


def test_overlap_is_decided_on_instants_not_on_the_zone_of_each_value():
    # 11:00 in Tokyo is 02:00 UTC: the same instant written in another zone.
    utc = ZoneInfo("UTC")
    other = session("a", datetime(2027, 1, 12, 2, tzinfo=utc), datetime(2027, 1, 12, 4, tzinfo=utc))
    assert [c.kind for c in find_conflicts(CANDIDATE, [other])] == [ROOM]
    touching = session(
        "b", datetime(2027, 1, 12, 3, tzinfo=utc), datetime(2027, 1, 12, 5, tzinfo=utc)
    )
    assert find_conflicts(CANDIDATE, [touching]) == []


def test_batch_reports_clashes_inside_the_batch_on_both_sessions():
    first = session("s1", at(10), at(12), consultants={7})
    second = session("s2", at(11), at(13), venue=2, consultants={7})
    third = session("s3", at(14), at(16), consultants={7})
    result = find_batch_conflicts([first, second, third])
    assert set(result) == {"s1", "s2"}
    assert [c.other_key for c in result["s1"]] == ["s2"]
    assert [c.other_key for c in result["s2"]] == ["s1"]


def test_batch_is_also_checked_against_existing_sessions():
    existing = [session("old", at(10, day=19), at(12, day=19))]
    batch = [session(("new", d), at(10, day=d), at(12, day=d)) for d in (12, 19, 26)]
    result = find_batch_conflicts(batch, existing)
    assert list(result) == [("new", 19)]
    assert result[("new", 19)][0].other_key == "old"


def test_batch_item_replaces_its_own_saved_version():
    saved = session("s1", at(10), at(12))
    edited = session("s1", at(13), at(15))
    clash = session("s2", at(10), at(12))
    # The saved s1 would clash with s2; the edited s1 does not.
    assert find_batch_conflicts([edited, clash], [saved]) == {}


def test_batch_with_a_repeated_key_is_refused():
    with pytest.raises(ValueError, match="own key"):
        find_batch_conflicts([CANDIDATE, CANDIDATE])


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(12), at(12)),
        (at(12), at(10)),
    ],
)
def test_session_must_end_after_it_starts(start, end):
    with pytest.raises(PlanningError) as excinfo:
        session("x", start, end)
    assert excinfo.value.code == "end_not_after_start"


def test_session_times_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        session("x", datetime(2027, 1, 12, 10), datetime(2027, 1, 12, 12))


@pytest.fixture
def untranslated(monkeypatch):
    """Lazy messages render as their Japanese msgids, without Django settings."""
    monkeypatch.setattr(translation, "_trans", SimpleNamespace(gettext=lambda message: message))


def test_room_conflict_message_renders_with_date_and_times(untranslated):
    [conflict] = find_conflicts(CANDIDATE, [session("a", at(11), at(13))])
    text = conflict.render("ja")
    assert "2027年1月12日(火)" in text
    assert "11:00〜13:00" in text
    assert not re.search(r"%\(\w+\)s", text)


def test_consultant_conflict_message_uses_the_given_name(untranslated):
    other = session("a", at(11), at(13), venue=2, consultants={7})
    [conflict] = find_conflicts(CANDIDATE, [other])
    assert "山田 花子" in conflict.render("ja", consultant_names={7: "山田 花子"})
    assert "相談員 7 " in conflict.render("ja")
