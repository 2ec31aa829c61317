"""Full-text search over titles and bodies in Chinese, on SQLite and PostgreSQL.

Chinese has no spaces, so both engines index character trigrams: any query of three or
more characters is a substring search that an index answers.

- SQLite: an FTS5 table ``documents_fts`` with ``tokenize='trigram'`` (SQLite ≥ 3.34),
  created by migration 0002 and kept in step by the services (``index``); ``fazhi
  documents reindex`` rebuilds it.
- PostgreSQL: ``pg_trgm`` GIN indexes on title and body (migration 0002); ``LIKE`` for
  terms without cased letters (Chinese), ``ILIKE`` otherwise; both use the indexes.
- Terms shorter than three characters have no trigram: they fall back to LIKE on the
  title.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from fazhi.core import cleaning

FTS_TABLE = "documents_fts"
DOC_TABLE = "documents_normativedocument"
MIN_TRIGRAM = 3
MAX_QUERY = 100


def terms(query: str) -> list[str]:
    """Up to eight words; control characters (which end an FTS5 string or cannot be stored
    in PostgreSQL text) are dropped here too, for callers other than a request."""
    query = cleaning.strip(query or "")
    return [t for t in query.replace("\u3000", " ").split() if t][:8]


def index(doc) -> None:
    """Put one document's current title and body into the SQLite index."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [doc.pk])
        cur.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
            [doc.pk, doc.title, doc.body],
        )


def index_many(docs) -> None:
    if connection.vendor != "sqlite":
        return
    rows = [(d.pk, d.title, d.body) for d in docs]
    with connection.cursor() as cur:
        cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cur.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows)


def reindex_all() -> int:
    """Rebuild the SQLite index from the documents table (a no-op on PostgreSQL)."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {FTS_TABLE}")
        cur.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) SELECT id, title, body FROM {DOC_TABLE}"
        )
        cur.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        return cur.fetchone()[0]


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def filter_text(qs: QuerySet, query: str) -> QuerySet:
    """Documents whose title or body contains every term of ``query`` (terms shorter
    than three characters: whose title contains them)."""
    query = (query or "")[:MAX_QUERY]
    long_terms = [t for t in terms(query) if len(t) >= MIN_TRIGRAM]
    for t in terms(query):
        if len(t) < MIN_TRIGRAM:
            qs = qs.filter(title__contains=t)
    if not long_terms:
        return qs
    if connection.vendor == "sqlite":
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        return qs.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
    if connection.vendor == "postgresql":
        for t in long_terms:
            # Chinese has no case: plain LIKE (several times cheaper to recheck than ILIKE)
            # unless the term has letters with a case. OFFSET 0 keeps the subquery planned
            # on its own, so it always starts from the trigram indexes: a rare term costs
            # a few rows, a common one a recheck of the documents containing it.
            op = "LIKE" if t.lower() == t.upper() else "ILIKE"
            p = _like(t)
            qs = qs.filter(
                pk__in=RawSQL(
                    f"SELECT id FROM {DOC_TABLE} WHERE body {op} %s OR title {op} %s OFFSET 0",
                    [p, p],
                )
            )
        return qs
    q = Q()
    for t in long_terms:
        q &= Q(title__icontains=t) | Q(body__icontains=t)
    return qs.filter(q)
