"""Demo staff accounts for `make run`. Development only: the passwords are public."""

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed on purpose, dev only

DEMO_USERS = [
    # username, display name, superuser
    ("admin", "管理者 デモ", True),
    ("editor", "編集者 デモ", False),
    ("approver", "承認者 デモ", False),
    ("scheduler", "スケジュール担当 デモ", False),
    ("intake", "相談受付担当 デモ", False),
    ("consultant", "相談員 デモ", False),
]


def load(stdout):
    if settings.PORTAL_ENV == "production":
        raise RuntimeError("Demo accounts are never created in production.")
    User = get_user_model()
    for username, name, is_superuser in DEMO_USERS:
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
    stdout.write("デモ職員アカウント (開発用のみ) / demo staff accounts (dev only):")
    for username, name, _superuser in DEMO_USERS:
        stdout.write(f"  {username:<11} {DEMO_PASSWORD}  {name}")
