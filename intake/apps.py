from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "相談受付"

    def ready(self):
        from . import receivers, tier_keys  # noqa: F401 - connects signal receivers

        # The public tier refuses to start if it has been given a private key.
        tier_keys.check_tier_keys()
