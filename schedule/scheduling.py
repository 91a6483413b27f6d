"""Checks staff tools run before saving sessions: conflicts with what is already planned."""

from django.contrib.auth import get_user_model
from django.utils.translation import get_language

from schedule.models import TouringSession
from schedule.planning.conflicts import PlannedSession, find_batch_conflicts
from schedule.planning.dates import language


def saved_sessions_on(dates, exclude_pks=()) -> list[PlannedSession]:
    """Scheduled sessions on ``dates`` as planning.conflicts sees them (three queries)."""
    qs = (
        TouringSession.objects.scheduled()
        .filter(date__in=set(dates))
        .exclude(pk__in=[pk for pk in exclude_pks if pk])
        .select_related("venue")
        .prefetch_related("consultants")
    )
    return [session.planned() for session in qs]


def display_name(user) -> str:
    """Family name first, as Japanese names are written (get_full_name puts it last)."""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def consultant_names(conflicts) -> dict[int, str]:
    ids = {c.params["consultant_id"] for c in conflicts if "consultant_id" in c.params}
    users = get_user_model().objects.filter(pk__in=ids)
    return {u.pk: display_name(u) for u in users}


def render_conflicts(conflicts) -> list[str]:
    lang = language(get_language() or "ja")
    names = consultant_names(conflicts)
    return [c.render(lang, names) for c in conflicts]


def batch_conflicts(batch: list[PlannedSession], exclude_pks=()):
    """{key: [Conflict]} of new or edited sessions against saved ones and each other."""
    existing = saved_sessions_on({p.starts_at.date() for p in batch}, exclude_pks)
    return find_batch_conflicts(batch, existing)


def session_conflicts(session: TouringSession, consultant_ids) -> list[str]:
    """Messages for every clash of ``session`` (saved or not) with other sessions."""
    if session.is_cancelled:
        return []
    planned = session.planned(consultant_ids)
    found = batch_conflicts([planned], exclude_pks=[session.pk])
    return render_conflicts(found.get(planned.key, []))
