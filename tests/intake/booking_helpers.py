"""Builders for booking tests: an open slot and a valid form submission."""

from __future__ import annotations

import re
from datetime import time, timedelta

from django.utils import timezone

from intake import formtoken
from schedule.planning.tz import TOKYO
from tests.schedule.helpers import make_session, make_venue

TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def open_slot(capacity=1, days_ahead=10, slug="booking-hall", start=time(10, 0)):
    """A session with one slot of ``capacity`` seats, well before its cut-off."""
    day = (timezone.now().astimezone(TOKYO) + timedelta(days=days_ahead)).date()
    end = (timezone.datetime.combine(day, start) + timedelta(minutes=45)).time()
    venue = make_venue(slug=slug)
    session = make_session(venue, day=day, start=start, end=end, booths=capacity, breaks=[])
    return session.slots.get()


def valid_data(slot, **overrides):
    data = {
        "business_name": "若葉テスト商店",
        "contact_name": "若葉 太郎",
        "contact_name_kana": "ワカバ タロウ",
        "phone": "090-1234-5678",
        "email": "taro@example.jp",
        "email_confirm": "taro@example.jp",
        "ward": "kita",
        "industry": "retail",
        "employee_band": "1-5",
        "sales_decline_band": "20-30",
        "subsidy_status": "planning",
        "topics": ["subsidy", "loan"],
        "consultation": "家賃の支払いについて相談したい。",
        "consent": "on",
        "website": "",
        "form_token": formtoken.issue(slot.pk),
    }
    data.update(overrides)
    return data


def book_url(slot, lang=""):
    return f"{'/' + lang if lang else ''}/book/{slot.pk}/"
