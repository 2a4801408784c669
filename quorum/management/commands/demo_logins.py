from django.core.management.base import BaseCommand

from boards.demo import demo_password

LOGINS = [
    ("Clerk (Catherine Ziane-Pryor, Constitutional Services Officer)", "clerk"),
    ("Board member (Councillor David Mellen, Chair)", "member"),
    ("Officer (Kevin Hatherley, YOT Lead; author of item 5)", "officer"),
    ("Officer (Anne Partington, Acting Head of Safeguarding; author of item 6)", "apartington"),
    ("Officer (DI Hillier, Notts Police; leads actions of the CSE action plan)", "hillier"),
    ("Officer (Terri Johnson, Nottinghamshire County Council; leads actions)", "tjohnson"),
    ("Admin (system administrator)", "admin"),
]


class Command(BaseCommand):
    help = "Print the demo log-ins for each role."

    def handle(self, *args, **options):
        self.stdout.write("\nQuorum is starting at http://127.0.0.1:8000\n\nDemo log-ins:")
        for role, username in LOGINS:
            self.stdout.write(f"  {role}: user {username}  password {demo_password(username)}")
        self.stdout.write("")
