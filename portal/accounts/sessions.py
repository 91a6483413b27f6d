"""End every session of a user (deactivation, device reset)."""

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_sessions_for(user) -> int:
    ended = 0
    user_id = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if str(data.get(SESSION_KEY)) == user_id and data.get(HASH_SESSION_KEY):
            session.delete()
            ended += 1
    return ended
