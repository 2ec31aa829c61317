"""Full-text search indexes, one per database engine (see documents/search.py).

SQLite: an FTS5 table with the trigram tokenizer (SQLite >= 3.34), rowid = document id,
kept in step by the services. PostgreSQL: pg_trgm and GIN trigram indexes for LIKE / ILIKE;
bodies stored uncompressed (STORAGE EXTERNAL) so rechecking a match does not decompress.
"""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that runs only on one database vendor."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        VendorRunSQL(
            "sqlite",
            sql=[
                "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize='trigram')",
                "INSERT INTO documents_fts (rowid, title, body) "
                "SELECT id, title, body FROM documents_normativedocument",
            ],
            reverse_sql=["DROP TABLE documents_fts"],
        ),
        VendorRunSQL(
            "postgresql",
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                # Bodies are read in full to recheck every trigram match: stored without
                # compression, a broad query's recheck is about three times faster.
                "ALTER TABLE documents_normativedocument ALTER COLUMN body SET STORAGE EXTERNAL",
                # fastupdate off: no pending list, so a new document is searchable through
                # the index at once and the planner's cost of the index stays true.
                "CREATE INDEX documents_doc_body_trgm ON documents_normativedocument "
                "USING gin (body gin_trgm_ops) WITH (fastupdate = off)",
                "CREATE INDEX documents_doc_title_trgm ON documents_normativedocument "
                "USING gin (title gin_trgm_ops) WITH (fastupdate = off)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS documents_doc_title_trgm",
                "DROP INDEX IF EXISTS documents_doc_body_trgm",
                "ALTER TABLE documents_normativedocument ALTER COLUMN body SET STORAGE EXTENDED",
            ],
        ),
    ]
