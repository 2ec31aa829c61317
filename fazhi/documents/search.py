"""Full-text search over titles and bodies in Chinese, on SQLite and PostgreSQL.

Approach: character bigrams, made by the application (``grams``), one index per engine.

Why bigrams and not word segmentation: a query is a substring of a 文件 (消防, 养老, 住房,
设置围挡), and a segmenter's dictionary decides where words end — 住房公积金 segmented as
one word hides 住房 — so it finds less than the public expects and changes with the
dictionary. Bigrams find every substring: two characters are one indexed term, a longer
term is the run of its adjacent pairs. No new dependency either: jieba is unmaintained
since 2020 and not in the lock; rjieba would have to be added; pg_bigm is not packaged
for the PostgreSQL we run. Trigrams (SQLite FTS5 ``trigram``, ``pg_trgm``) cannot answer
a two-character word at all.

Tokens (``grams``): the text is lower-cased and cut into runs of letters and digits
(punctuation and spaces end a run); a run gives its adjacent pairs plus its last character
alone (“消防安全。” → 消防 防安 安全 全), so every character of the text begins a token.

- SQLite: an FTS5 table ``documents_bigrams(title, body)`` with ``tokenize='ascii'``
  (splits only on the spaces between our tokens), fed by the services (``index``). A term
  is a phrase of its tokens, so the index answers it exactly: positions make
  “消防 防安 安全” mean 消防安全. (SQLite 3.40 has no contentless delete, so the table keeps
  its token text, about twice the bodies' size: a row is replaced by DELETE and INSERT.)
- PostgreSQL: a table ``documents_bigrams(doc_id, terms tsvector)`` with a GIN index
  (no foreign key, so a test database's flush still truncates; rows are upserted); the
  tsvector is built from our tokens as they are (``array_to_tsvector``, no parser, no
  positions). A two-character term is one lexeme and exact; a longer term asks for all of
  its tokens through the index and is then checked with LIKE on the matching rows
  (tsvector positions stop at 16,383, too short for long bodies).
- Single characters (the documented fallback): a token *prefix* query (FTS5 ``"消" *``,
  tsquery ``'消':*``), exact because every character begins a token; it matches many
  documents, so the page says so.
- A term with punctuation in it (〔2024〕) is also checked with LIKE; a term with no
  letters or digits at all is a LIKE on title and body.

Ranking (``title_first``): documents whose title holds every term come first, then the
caller's order (newest first). ``snippets`` cuts a piece of the body around the first
match and marks every term in it with ``<mark>``, HTML-escaped.

``index`` is called by every service that creates or changes a document's title or body
(create_draft, update_draft, import_existing); ``fazhi documents reindex`` rebuilds both
engines' index from the documents table (migration 0004 builds it on upgrade).
"""

from __future__ import annotations

import re
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fazhi.core import cleaning

INDEX_TABLE = "documents_bigrams"
DOC_TABLE = "documents_normativedocument"
GIN_INDEX = "documents_bigrams_terms"
# fastupdate off: no pending list, so a new document is found through the index at once.
GIN_SQL = f"CREATE INDEX {GIN_INDEX} ON {INDEX_TABLE} USING gin (terms) WITH (fastupdate = off)"
MAX_QUERY = 100
MAX_TERMS = 8
SNIPPET_BEFORE = 30
SNIPPET_LENGTH = 120
RUN = re.compile(r"[^\W_]+")


def terms(query: str) -> list[str]:
    """Up to eight words; control characters (which end an FTS5 string or cannot be stored
    in PostgreSQL text) are dropped here too, for callers other than a request."""
    query = cleaning.strip((query or "")[:MAX_QUERY])
    return [t for t in query.replace("\u3000", " ").split() if t][:MAX_TERMS]


def grams(text: str) -> list[str]:
    """The tokens of a text: each run's adjacent pairs, then its last character."""
    out: list[str] = []
    for run in RUN.findall((text or "").lower()):
        out.extend([run[i : i + 2] for i in range(len(run) - 1)])
        out.append(run[-1])
    return out


def _term_tokens(term: str) -> tuple[list[str], bool]:
    """The tokens a term must show in a row, and whether the last is a prefix. A run
    that ends the term gives no last-character token (the text may go on after it); a
    one-character run there is a prefix instead (it begins the next pair)."""
    runs = RUN.findall(term.lower())
    tokens: list[str] = []
    for i, run in enumerate(runs):
        tokens.extend([run[j : j + 2] for j in range(len(run) - 1)])
        if i < len(runs) - 1 or len(run) == 1:
            tokens.append(run[-1])
    return tokens, bool(runs) and len(runs[-1]) == 1


def _literal(term: str) -> bool:
    """Only letters and digits: the index alone answers it exactly (no LIKE check)."""
    return RUN.fullmatch(term) is not None


def is_single(query: str) -> bool:
    """The query is one character words only (searched by the prefix fallback)."""
    ts = terms(query)
    return bool(ts) and all(len(t) == 1 for t in ts)


# --- keeping the index in step ------------------------------------------------------------


def _joined(text: str) -> str:
    return " ".join(grams(text))


def _pg_lexemes(doc_title: str, doc_body: str) -> list[str]:
    return sorted(set(grams(doc_title)) | set(grams(doc_body)))


def index(doc) -> None:
    """Put one document's current title and body into the index (replacing what it had)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s", [doc.pk])
            cur.execute(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [doc.pk, _joined(doc.title), _joined(doc.body)],
            )
        elif connection.vendor == "postgresql":
            cur.execute(
                f"INSERT INTO {INDEX_TABLE} (doc_id, terms) "
                "VALUES (%s, array_to_tsvector(%s::text[])) "
                "ON CONFLICT (doc_id) DO UPDATE SET terms = EXCLUDED.terms",
                [doc.pk, _pg_lexemes(doc.title, doc.body)],
            )


def reindex_all(model=None, batch: int = 1000) -> int:
    """Rebuild the index from the documents table; the number of documents indexed.
    ``model``: the migration's historical model, when called from one.

    Read in batches by id and written batch by batch: on SQLite each batch is its own
    transaction (a single one, or a read cursor left open across the writes, keeps every
    FTS5 merge in the WAL: 16 GB at 200,000 documents), so searches made meanwhile may
    miss documents not yet reindexed. On PostgreSQL the whole rebuild is one transaction,
    the rows written without their GIN index and the index built once at the end (many
    times faster than updating it row by row with fastupdate off)."""
    from .models import NormativeDocument

    if connection.vendor not in ("sqlite", "postgresql"):
        return 0
    docs = (model or NormativeDocument).objects.order_by("pk").values_list("pk", "title", "body")
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        sql = f"INSERT INTO {INDEX_TABLE} (rowid, title, body) VALUES (%s, %s, %s)"
    else:
        sql = (
            f"INSERT INTO {INDEX_TABLE} (doc_id, terms) VALUES (%s, array_to_tsvector(%s::text[]))"
        )
    n, last = 0, 0
    with nullcontext() if sqlite else transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {INDEX_TABLE}")
            if not sqlite:
                cur.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        while True:
            rows = list(docs.filter(pk__gt=last)[:batch])
            if not rows:
                break
            last = rows[-1][0]
            if sqlite:
                values = [(pk, _joined(title), _joined(body)) for pk, title, body in rows]
            else:
                values = [(pk, _pg_lexemes(title, body)) for pk, title, body in rows]
            with transaction.atomic(), connection.cursor() as cur:
                cur.executemany(sql, values)
            n += len(rows)
        if not sqlite:
            with connection.cursor() as cur:
                cur.execute(GIN_SQL)
    return n


# --- querying -----------------------------------------------------------------------------


def _like_check(term: str) -> Q:
    cased = term.lower() != term.upper()
    if cased:
        return Q(title__icontains=term) | Q(body__icontains=term)
    return Q(title__contains=term) | Q(body__contains=term)


def _fts_phrase(tokens: list[str], prefix: bool) -> str:
    # Tokens are letters and digits only: nothing in them is FTS5 syntax.
    return '"' + " ".join(tokens) + '"' + (" *" if prefix else "")


def _tsquery(tokens: list[str], prefix: bool) -> str:
    parts = []
    for i, t in enumerate(tokens):
        lexeme = "'" + t.replace("\\", "\\\\").replace("'", "''") + "'"
        parts.append(lexeme + (":*" if prefix and i == len(tokens) - 1 else ""))
    return " & ".join(parts)


def filter_text(qs: QuerySet, query: str) -> QuerySet:
    """Documents whose title or body contains every term of ``query``."""
    indexed: list[tuple[list[str], bool]] = []
    for t in terms(query):
        tokens, prefix = _term_tokens(t)
        if not tokens:
            qs = qs.filter(_like_check(t))
            continue
        indexed.append((tokens, prefix))
        if connection.vendor == "postgresql":
            if not _literal(t) or len(tokens) > 1:
                qs = qs.filter(_like_check(t))
        elif connection.vendor == "sqlite":
            if not _literal(t):
                qs = qs.filter(_like_check(t))
        else:
            qs = qs.filter(_like_check(t))
    if not indexed:
        return qs
    if connection.vendor == "sqlite":
        match = " AND ".join(_fts_phrase(tokens, prefix) for tokens, prefix in indexed)
        return qs.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH %s", [match])
        )
    if connection.vendor == "postgresql":
        tsq = " & ".join(_tsquery(tokens, prefix) for tokens, prefix in indexed)
        return qs.filter(
            pk__in=RawSQL(f"SELECT doc_id FROM {INDEX_TABLE} WHERE terms @@ %s::tsquery", [tsq])
        )
    return qs


def title_first(qs: QuerySet, query: str, *order: str) -> QuerySet:
    """Order a search's results: every term in the title first, then ``order``."""
    ts = terms(query)
    if not ts:
        return qs.order_by(*order)
    in_title = Q()
    for t in ts:
        in_title &= Q(title__icontains=t)
    return qs.annotate(
        title_hit=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-title_hit", *order)


def snippet(body: str, query: str) -> SafeString:
    """A piece of the body around the first term found, escaped, every term in ``<mark>``;
    empty when no term is in the body (a title-only hit)."""
    ts = sorted({t.lower() for t in terms(query)}, key=len, reverse=True)
    if not body or not ts:
        return mark_safe("")
    pattern = re.compile("|".join(re.escape(t) for t in ts), re.IGNORECASE)
    first = pattern.search(body)
    if first is None:
        return mark_safe("")
    start = max(0, first.start() - SNIPPET_BEFORE)
    end = min(len(body), start + SNIPPET_LENGTH)
    piece = body[start:end]
    out = ["…" if start else ""]
    pos = 0
    for m in pattern.finditer(piece):
        out.append(escape(piece[pos : m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(escape(piece[pos:]))
    out.append("…" if end < len(body) else "")
    return mark_safe(" ".join("".join(out).split()))


def attach_snippets(docs, query: str) -> None:
    """Set ``snippet`` on each document of a page, reading only these bodies."""
    docs = list(docs)
    if not docs or not terms(query):
        return
    from .models import NormativeDocument

    bodies = dict(
        NormativeDocument.objects.filter(pk__in=[d.pk for d in docs]).values_list("pk", "body")
    )
    for d in docs:
        d.snippet = snippet(bodies.get(d.pk, ""), query)
