from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards and people"

    def ready(self):
        from boards import menu

        menu.register_entries()
