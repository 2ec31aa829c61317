"""PostgreSQL: the search index also holds each title's tokens marked ``^`` (``^消防``), so
that the title hits a search lists first are found through the GIN index (see
documents/search.py). The index is rebuilt from the documents table; SQLite's FTS5 table
already has a title column and is left as it is."""

from django.db import migrations


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from fazhi.documents import search

    search.reindex_all(apps.get_model("documents", "NormativeDocument"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_bigram_search")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
