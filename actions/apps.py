from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action plans"

    def ready(self):
        from actions import menu, signals

        menu.register_entries()
        signals.connect()
