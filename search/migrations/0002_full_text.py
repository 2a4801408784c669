"""The full-text part of the index, by database: PostgreSQL's generated, weighted tsvector column
with its GIN index, or SQLite's FTS5 table kept in step by triggers (search.backends)."""
from django.db import migrations


def install(apps, schema_editor):
    from search.backends import backend

    with schema_editor.connection.cursor() as cursor:
        backend(schema_editor.connection).install(cursor)


def uninstall(apps, schema_editor):
    from search.backends import backend

    with schema_editor.connection.cursor() as cursor:
        backend(schema_editor.connection).uninstall(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
