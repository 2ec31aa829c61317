"""The search finds the documents whose title holds every term through an index of the
titles (see documents/search.py): on SQLite an FTS5 table of the titles alone
(``documents_bigrams_title``), on PostgreSQL each title's tokens marked ``^`` (``^消防``)
in the document's tsvector. Both are filled by rebuilding the index from the documents
table (``fazhi documents reindex`` does the same)."""

import importlib

from django.db import migrations

VendorRunSQL = importlib.import_module("fazhi.documents.migrations.0002_search").VendorRunSQL


def fill(apps, schema_editor):
    from fazhi.documents import search

    search.reindex_all(apps.get_model("documents", "NormativeDocument"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_bigram_search")]

    operations = [
        VendorRunSQL(
            "sqlite",
            sql=["CREATE VIRTUAL TABLE documents_bigrams_title USING fts5(title, tokenize='ascii')"],
            reverse_sql=["DROP TABLE documents_bigrams_title"],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
