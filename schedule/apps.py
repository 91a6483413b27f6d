from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "schedule"
    verbose_name = "巡回相談"

    def ready(self):
        from schedule import search_sources

        search_sources.register()
