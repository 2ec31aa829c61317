"""Chinese search by character bigrams (see documents/search.py): two-character words
(消防, 养老, 住房) are found in titles and bodies, which trigrams could not do.

SQLite: the FTS5 trigram table is replaced by ``documents_bigrams`` (tokens made by the
application, ``tokenize='ascii'``). PostgreSQL: the pg_trgm indexes are replaced by a
table ``documents_bigrams(doc_id, terms tsvector)`` with a GIN index. Both are filled from
the documents table here; ``fazhi documents reindex`` rebuilds them.
"""

import importlib

from django.db import migrations

VendorRunSQL = importlib.import_module("fazhi.documents.migrations.0002_search").VendorRunSQL


def fill(apps, schema_editor):
    from fazhi.documents import search

    search.reindex_all(apps.get_model("documents", "NormativeDocument"))


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_record_version")]

    operations = [
        VendorRunSQL(
            "sqlite",
            sql=[
                "DROP TABLE IF EXISTS documents_fts",
                "CREATE VIRTUAL TABLE documents_bigrams USING fts5(title, body, tokenize='ascii')",
            ],
            reverse_sql=[
                "DROP TABLE documents_bigrams",
                "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize='trigram')",
                "INSERT INTO documents_fts (rowid, title, body) "
                "SELECT id, title, body FROM documents_normativedocument",
            ],
        ),
        VendorRunSQL(
            "postgresql",
            sql=[
                "DROP INDEX IF EXISTS documents_doc_title_trgm",
                "DROP INDEX IF EXISTS documents_doc_body_trgm",
                # No foreign key: a test database's flush truncates the documents table
                # without CASCADE; the services upsert a document's row.
                "CREATE TABLE documents_bigrams (doc_id bigint PRIMARY KEY, terms tsvector NOT NULL)",
                # The GIN index is made by fill() (reindex_all), after the rows.
            ],
            reverse_sql=[
                "DROP TABLE documents_bigrams",
                "CREATE INDEX documents_doc_body_trgm ON documents_normativedocument "
                "USING gin (body gin_trgm_ops) WITH (fastupdate = off)",
                "CREATE INDEX documents_doc_title_trgm ON documents_normativedocument "
                "USING gin (title gin_trgm_ops) WITH (fastupdate = off)",
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
