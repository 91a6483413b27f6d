"""Staff logins in the browser: password and a TOTP code computed like an authenticator app.

The demo accounts' TOTP secrets are derived from their usernames
(portal.accounts.demo), so the tests compute the codes; django-otp refuses a code used
twice, so a second login of one account inside the same 30-second step waits for the next.
"""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from time_machine import escape_hatch

from portal.accounts.demo import DEMO_PASSWORD, demo_totp_key

STEP = 30
ENROLLING_USER = "enrolling"  # made by LiveServers.prepare without a device
_last_step: dict[str, int] = {}


def real_time() -> float:
    """The live servers check codes on the real clock, whatever the suite's clock says
    (tests/clock.py moves it; module fixtures run before a browser test gets the real one)."""
    if escape_hatch.is_travelling():
        return escape_hatch.time.time()
    return time.time()


def current_code(username: str) -> str:
    step = int(real_time()) // STEP
    if _last_step.get(username) == step:
        time.sleep(STEP - real_time() % STEP + 0.5)
        step = int(real_time()) // STEP
    _last_step[username] = step
    code = TOTP(demo_totp_key(username), step=STEP)
    code.time = real_time()
    return f"{code.token():06d}"


def fill_login(page, servers, username: str, code: str = "") -> None:
    page.goto(f"{servers.staff}/account/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=otp_token]").fill(code)
    page.locator("main form button[type=submit], form button[type=submit]").first.click()
    page.wait_for_load_state()


def log_in(page, servers, username: str) -> None:
    """A full two-factor login; leaves the browser where the login redirects to."""
    fill_login(page, servers, username, current_code(username))
    assert "/account/login/" not in page.url, f"login of {username} failed: {page.url}"


def log_in_without_device(page, servers) -> None:
    """A first login of an account with no device yet: it lands on the enrolment page."""
    fill_login(page, servers, ENROLLING_USER)
    page.wait_for_url("**/account/enrol/")
