from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance indicators"

    def ready(self):
        from performance import menu

        menu.register_entries()
