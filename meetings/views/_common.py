"""What the page views share."""
from django.core.exceptions import ValidationError


def _form_errors_from(exc: ValidationError, form):
    for message in exc.messages:
        form.add_error(None, message)
