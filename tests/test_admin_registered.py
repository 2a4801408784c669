"""Every model has a working Django admin (the clerks' back door, and a check the models are sound)."""
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

OUR_APPS = {"boards", "meetings", "minutes", "actions", "performance", "packs"}
# Records only the services make (a revision with its note, a reminder once sent): no admin add form.
MADE_ONLY_BY_SERVICES = {"meetings.ReportRevision", "meetings.ReportReminderSent"}


def _our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")
            and not m._meta.auto_created]


def test_every_model_is_registered_in_the_admin():
    missing = [m.__name__ for m in _our_models() if m not in admin.site._registry]
    assert not missing, f"Not in the admin: {missing}"


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: f"{m._meta.app_label}.{m.__name__}")
def test_admin_changelist_and_add_pages_open(client, admin_user, model):
    client.force_login(admin_user)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    made_by_services = f"{opts.app_label}.{model.__name__}" in MADE_ONLY_BY_SERVICES
    assert add.status_code == (403 if made_by_services else 200)
