"""Attendance, interests, minutes and resolutions moved to minutes/, the agenda packs to packs/.

Django forgets the models here (their tables stay as they are: minutes/ and packs/ pin the same
table names) and the content types, with the permissions and admin log entries tied to them,
follow the models to their new apps.
"""
from django.db import migrations

MOVED = {
    "minutes": ["attendance", "declaration", "interest", "meetingminutes", "minute", "minutepoint",
                "otherattendee", "resolution", "resolutionresponse",
                "historicalattendance", "historicaldeclaration", "historicalinterest",
                "historicalmeetingminutes", "historicalminute", "historicalminutepoint",
                "historicalotherattendee", "historicalresolution", "historicalresolutionresponse"],
    "packs": ["pack", "packversion", "renderedsection", "historicalpackversion"],
}


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label="meetings", model__in=models).update(app_label=app_label)


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in MOVED.items():
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label=app_label, model__in=models).update(app_label="meetings")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0016_report_templates"),
        ("minutes", "0001_initial"),
        ("packs", "0001_initial"),
        ("actions", "0006_action_resolution_in_minutes"),
        ("reader", "0002_pack_models_in_packs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='attendance',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='attendance',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='attendance',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='attendance',
                    name='substitute',
                ),
                migrations.RemoveField(
                    model_name='declaration',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='declaration',
                    name='interest',
                ),
                migrations.RemoveField(
                    model_name='declaration',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='declaration',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalattendance',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalattendance',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalattendance',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalattendance',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='historicalattendance',
                    name='substitute',
                ),
                migrations.RemoveField(
                    model_name='historicaldeclaration',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='historicaldeclaration',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaldeclaration',
                    name='interest',
                ),
                migrations.RemoveField(
                    model_name='historicaldeclaration',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicaldeclaration',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalinterest',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalinterest',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalmeetingminutes',
                    name='confirmed_at_meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalmeetingminutes',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalmeetingminutes',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalmeetingminutes',
                    name='signed_by',
                ),
                migrations.RemoveField(
                    model_name='historicalminute',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='historicalminute',
                    name='corrects',
                ),
                migrations.RemoveField(
                    model_name='historicalminute',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalminute',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalminutepoint',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalminutepoint',
                    name='minute',
                ),
                migrations.RemoveField(
                    model_name='historicalminutepoint',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='historicalotherattendee',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalotherattendee',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalotherattendee',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalpackversion',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalpackversion',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalpackversion',
                    name='pack',
                ),
                migrations.RemoveField(
                    model_name='historicalpackversion',
                    name='withdrawn_by',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='confirms',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='due_meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='minute',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='historicalresolution',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='historicalresolutionresponse',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='historicalresolutionresponse',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalresolutionresponse',
                    name='resolution',
                ),
                migrations.RemoveField(
                    model_name='interest',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='confirmed_at_meeting',
                ),
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='meetingminutes',
                    name='signed_by',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='confirms',
                ),
                migrations.RemoveField(
                    model_name='minute',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='minute',
                    name='corrects',
                ),
                migrations.RemoveField(
                    model_name='minute',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='minutepoint',
                    name='minute',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='minute',
                ),
                migrations.RemoveField(
                    model_name='minutepoint',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='otherattendee',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='otherattendee',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='current_version',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='pack',
                    name='requested_by',
                ),
                migrations.RemoveField(
                    model_name='packversion',
                    name='pack',
                ),
                migrations.RemoveField(
                    model_name='packversion',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='packversion',
                    name='withdrawn_by',
                ),
                migrations.DeleteModel(
                    name='RenderedSection',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='due_meeting',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='owner',
                ),
                migrations.RemoveField(
                    model_name='resolution',
                    name='parent',
                ),
                migrations.RemoveField(
                    model_name='resolutionresponse',
                    name='resolution',
                ),
                migrations.RemoveField(
                    model_name='resolutionresponse',
                    name='author',
                ),
                migrations.DeleteModel(
                    name='Attendance',
                ),
                migrations.DeleteModel(
                    name='Declaration',
                ),
                migrations.DeleteModel(
                    name='HistoricalAttendance',
                ),
                migrations.DeleteModel(
                    name='HistoricalDeclaration',
                ),
                migrations.DeleteModel(
                    name='HistoricalInterest',
                ),
                migrations.DeleteModel(
                    name='HistoricalMeetingMinutes',
                ),
                migrations.DeleteModel(
                    name='HistoricalMinute',
                ),
                migrations.DeleteModel(
                    name='HistoricalMinutePoint',
                ),
                migrations.DeleteModel(
                    name='HistoricalOtherAttendee',
                ),
                migrations.DeleteModel(
                    name='HistoricalPackVersion',
                ),
                migrations.DeleteModel(
                    name='HistoricalResolution',
                ),
                migrations.DeleteModel(
                    name='HistoricalResolutionResponse',
                ),
                migrations.DeleteModel(
                    name='Interest',
                ),
                migrations.DeleteModel(
                    name='MeetingMinutes',
                ),
                migrations.DeleteModel(
                    name='Minute',
                ),
                migrations.DeleteModel(
                    name='MinutePoint',
                ),
                migrations.DeleteModel(
                    name='OtherAttendee',
                ),
                migrations.DeleteModel(
                    name='Pack',
                ),
                migrations.DeleteModel(
                    name='PackVersion',
                ),
                migrations.DeleteModel(
                    name='Resolution',
                ),
                migrations.DeleteModel(
                    name='ResolutionResponse',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
