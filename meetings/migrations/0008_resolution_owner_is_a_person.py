"""A resolution's owner is a person (who may have no log-in), not a user account.

Existing owners become the person linked to their log-in."""
import django.db.models.deletion
from django.db import migrations, models


def owners_to_people(apps, schema_editor):
    Person = apps.get_model("boards", "Person")
    person_of = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    for name in ("Resolution", "HistoricalResolution"):
        model = apps.get_model("meetings", name)
        for row in model.objects.filter(owner__isnull=False).values("pk", "owner_id"):
            model.objects.filter(pk=row["pk"]).update(owner_person_id=person_of.get(row["owner_id"]))


def people_to_owners(apps, schema_editor):
    Person = apps.get_model("boards", "Person")
    user_of = dict(Person.objects.filter(user__isnull=False).values_list("pk", "user_id"))
    for name in ("Resolution", "HistoricalResolution"):
        model = apps.get_model("meetings", name)
        for row in model.objects.filter(owner_person__isnull=False).values("pk", "owner_person_id"):
            model.objects.filter(pk=row["pk"]).update(owner_id=user_of.get(row["owner_person_id"]))


class Migration(migrations.Migration):

    dependencies = [
        ("boards", "0002_board_version"),
        ("meetings", "0007_report_revisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="resolution",
            name="owner_person",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="boards.person"),
        ),
        migrations.AddField(
            model_name="historicalresolution",
            name="owner_person",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="boards.person"),
        ),
        migrations.RunPython(owners_to_people, people_to_owners),
        migrations.RemoveField(model_name="resolution", name="owner"),
        migrations.RemoveField(model_name="historicalresolution", name="owner"),
        migrations.RenameField(model_name="resolution", old_name="owner_person", new_name="owner"),
        migrations.RenameField(model_name="historicalresolution", old_name="owner_person", new_name="owner"),
        migrations.AlterField(
            model_name="resolution",
            name="owner",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="owned_resolutions", to="boards.person"),
        ),
    ]
