from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "E-mail alerts"

    def ready(self):
        from alerts import signals

        signals.connect()
