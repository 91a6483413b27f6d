"""Demo staff accounts for `make run`. Development only: passwords and TOTP secrets are public.

Each account gets a confirmed TOTP device whose secret is derived from its username,
so the same secret works across `make clean && make run`; add it to an authenticator
app (or use `oathtool --totp -b SECRET`) to log in.
"""

import base64
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import devices, roles

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed on purpose, dev only

DEMO_USERS = [
    # username, display name, superuser, role group
    ("admin", "管理者 デモ", True, roles.ADMINISTRATORS),
    ("editor", "編集者 デモ", False, roles.EDITORS),
    ("approver", "承認者 デモ", False, roles.APPROVERS),
    ("scheduler", "スケジュール担当 デモ", False, roles.SCHEDULERS),
    ("intake", "相談受付担当 デモ", False, roles.INTAKE_STAFF),
    ("consultant", "相談員 デモ", False, roles.CONSULTANTS),
]


def demo_totp_key(username: str) -> bytes:
    return hashlib.sha256(f"shienguide-demo-totp:{username}".encode()).digest()[:20]


def demo_totp_secret(username: str) -> str:
    """The base32 secret an authenticator app takes."""
    return base64.b32encode(demo_totp_key(username)).decode("ascii")


def load(stdout):
    if settings.PORTAL_ENV == "production":
        raise RuntimeError("Demo accounts are never created in production.")
    roles.sync_roles()  # the home pages exist now, so the workflow gets attached to them
    User = get_user_model()
    for username, name, is_superuser, group in DEMO_USERS:
        last, first = name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last,
                "first_name": first,
                "email": f"{username}@example.jp",
                "is_staff": True,
                "is_superuser": is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        seed = demo_totp_key(username)
        if not devices.has_totp_seed(user, seed):
            devices.provision_totp(user, seed=seed)
    stdout.write("デモ職員アカウント (開発用のみ) / demo staff accounts (dev only):")
    stdout.write("  username / password / TOTP secret (base32)")
    for username, name, _superuser, _group in DEMO_USERS:
        stdout.write(f"  {username} / {DEMO_PASSWORD} / {demo_totp_secret(username)}  {name}")
