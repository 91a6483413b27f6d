from django.apps import AppConfig


class VaultConfig(AppConfig):
    """Sealed personal data. Its models live only in the `intake` database."""

    name = "intake.vault"
    label = "intake_vault"
    verbose_name = "封緘された相談データ"
