import importlib

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load (or refresh) the demo Corporate Parenting Board from the reference papers. Idempotent."

    def handle(self, *args, **options):
        from meetings.demo import load_demo

        board = load_demo()
        # Each domain app that has demo content adds it to the board.
        for app in ("meetings.demo_minutes", "actions.demo", "performance.demo"):
            try:
                module = importlib.import_module(app)
            except ModuleNotFoundError:
                continue
            module.load_demo(board)
        self.stdout.write(self.style.SUCCESS(f"Demo board loaded: {board.name} ({board.council_name})."))
