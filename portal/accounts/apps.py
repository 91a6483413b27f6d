from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "職員アカウント"

    def ready(self):
        from . import otpkeys, signals  # noqa: F401 - connects the receivers

        # The public tier refuses the staff OTP key; the production staff tier needs it.
        otpkeys.check_tier_keys()
