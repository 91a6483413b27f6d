"""Logging staff in from tests: TOTP codes, verified sessions and the login form.

The users themselves come from tests/accounts/factories.py.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from portal.accounts import devices
from portal.accounts.models import EncryptedTOTPDevice
from tests.accounts.factories import PASSWORD
from tests.tiers import use_tier


def current_code(device, offset=0):
    with use_tier("staff"):
        seed = device.bin_key
    code = totp(seed, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


def totp_device(user):
    return EncryptedTOTPDevice.objects.get(user=user, confirmed=True)


def login_verified(client, user):
    """A session as after a full two-factor login (without going through the form).

    Enrols the user first if they have no device yet.
    """
    device = EncryptedTOTPDevice.objects.filter(
        user=user, confirmed=True
    ).first() or devices.provision_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def login_password_only(client, user):
    client.force_login(user)
    return client


def post_login(client, username, password=PASSWORD, code="", **extra):
    data = {"username": username, "password": password, "otp_token": code}
    return client.post("/account/login/", data, **extra)
