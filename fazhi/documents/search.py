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
  The titles alone are also in ``documents_bigrams_title`` (title hits through the index).
- PostgreSQL: a table ``documents_bigrams(doc_id, terms tsvector)`` with a GIN index
  (no foreign key, so a test database's flush still truncates; rows are upserted); the
  tsvector is built from our tokens as they are (``array_to_tsvector``, no parser, no
  positions), plus the title's tokens again marked ``^`` (title hits through the index). A two-character term is one lexeme and exact; a longer term asks for all of
  its tokens through the index and is then checked with LIKE on the matching rows
  (tsvector positions stop at 16,383, too short for long bodies).
- Single characters (the documented fallback): a token *prefix* query (FTS5 ``"消" *``,
  tsquery ``'消':*``), exact because every character begins a token; it matches many
  documents, so the page says so.
- A term with punctuation in it (〔2024〕) is also checked with LIKE; a term with no
  letters or digits at all is a LIKE on title and body.

Ranking and counting (``results`` → ``Hits``): documents whose title holds every term
come first, then the caller's order (newest first); the matches are counted up to
``FAZHI_SEARCH_COUNT_CAP`` and only that many can be listed, so that a word found in
nearly every document is answered by LIMITed queries instead of reading and sorting every
hit. ``snippets`` cuts a piece of the body around the first match and marks every term in
it with ``<mark>``, HTML-escaped (for one page's documents only).

``index`` is called by every service that creates or changes a document's title or body
(create_draft, update_draft, import_existing); ``fazhi documents reindex`` rebuilds both
engines' index from the documents table (migration 0004 builds it on upgrade).
"""

from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from fazhi.core import cleaning

INDEX_TABLE = "documents_bigrams"
# SQLite: the titles alone, so that asking which hits have every term in the title reads
# the titles' short token lists, not the bodies' (a title : "…" filter on INDEX_TABLE
# reads every position of a word found in nearly every body: 20—70 ms).
TITLE_TABLE = "documents_bigrams_title"
DOC_TABLE = "documents_normativedocument"
GIN_INDEX = "documents_bigrams_terms"
# fastupdate off: no pending list, so a new document is found through the index at once.
GIN_SQL = f"CREATE INDEX {GIN_INDEX} ON {INDEX_TABLE} USING gin (terms) WITH (fastupdate = off)"
TITLE_MARK = "^"  # PostgreSQL: a title token's lexeme is this + the token
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
    """The tokens of title and body, and the title's again marked (``^消防``) so that the
    index also answers whether a term is in the title."""
    title = set(grams(doc_title))
    return sorted(title | set(grams(doc_body)) | {TITLE_MARK + g for g in title})


def index(doc) -> None:
    """Put one document's current title and body into the index (replacing what it had)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s", [doc.pk])
            cur.execute(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [doc.pk, _joined(doc.title), _joined(doc.body)],
            )
            cur.execute(f"DELETE FROM {TITLE_TABLE} WHERE rowid = %s", [doc.pk])
            cur.execute(
                f"INSERT INTO {TITLE_TABLE} (rowid, title) VALUES (%s, %s)",
                [doc.pk, _joined(doc.title)],
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
    titles = False  # SQLite's titles table (made by migration 0005; 0004 calls this too)
    with nullcontext() if sqlite else transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {INDEX_TABLE}")
            if sqlite:
                cur.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TITLE_TABLE])
                titles = cur.fetchone() is not None
            if titles:
                cur.execute(f"DELETE FROM {TITLE_TABLE}")
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
                if titles:
                    cur.executemany(
                        f"INSERT INTO {TITLE_TABLE} (rowid, title) VALUES (%s, %s)",
                        [(pk, title) for pk, title, _body in values],
                    )
            n += len(rows)
        if not sqlite:
            with connection.cursor() as cur:
                cur.execute(GIN_SQL)
                # Fresh statistics: without them the planner may scan every tsvector
                # instead of asking the GIN index (2 s instead of 20 ms at 200,000).
                cur.execute(f"ANALYZE {INDEX_TABLE}")
    return n


# --- querying -----------------------------------------------------------------------------


def _like_check(term: str, title_only: bool = False) -> Q:
    lookup = "icontains" if term.lower() != term.upper() else "contains"
    q = Q(**{f"title__{lookup}": term})
    return q if title_only else q | Q(**{f"body__{lookup}": term})


def _fts_phrase(tokens: list[str], prefix: bool) -> str:
    # Tokens are letters and digits only: nothing in them is FTS5 syntax.
    return '"' + " ".join(tokens) + '"' + (" *" if prefix else "")


def _tsquery(tokens: list[str], prefix: bool, mark: str = "") -> str:
    parts = []
    for i, t in enumerate(tokens):
        lexeme = "'" + (mark + t).replace("\\", "\\\\").replace("'", "''") + "'"
        parts.append(lexeme + (":*" if prefix and i == len(tokens) - 1 else ""))
    return " & ".join(parts)


def _parts(
    query: str, title: bool = False, loose: bool = False
) -> tuple[Q, tuple[str, list] | None]:
    """What ``query`` asks, in two parts: the LIKE checks (a Q) and the index look-up (SQL
    giving document ids, and its parameters), None when the index cannot help.

    ``title``: in the title only — SQLite's titles table, PostgreSQL's title lexemes
    (``^`` + token) — else in title or body. ``loose`` (SQLite): a term's
    tokens in any order, the term then checked with LIKE (as on PostgreSQL)."""
    vendor = connection.vendor
    checks = Q()
    indexed: list[tuple[list[str], bool]] = []
    for t in terms(query):
        tokens, prefix = _term_tokens(t)
        exact = bool(tokens) and (
            (vendor == "sqlite" and _literal(t) and not (loose and len(tokens) > 1))
            or (vendor == "postgresql" and _literal(t) and len(tokens) == 1)
        )
        if not exact:
            checks &= _like_check(t, title_only=title)
        if tokens and vendor in ("sqlite", "postgresql"):
            indexed.append((tokens, prefix))
    if not indexed:
        return checks, None
    if vendor == "sqlite":
        table = TITLE_TABLE if title else INDEX_TABLE
        if loose:
            indexed = [
                ([tk], px and i == len(tks) - 1) for tks, px in indexed for i, tk in enumerate(tks)
            ]
        match = " AND ".join(_fts_phrase(tk, px) for tk, px in indexed)
        return checks, (f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
    tsq = " & ".join(_tsquery(tk, px, TITLE_MARK if title else "") for tk, px in indexed)
    # OFFSET 0 plans the subquery on its own, so it always starts from the GIN index:
    # joined, the planner would rather scan every (TOASTed) tsvector, which it prices
    # too low (2 s for a word found nowhere at 200,000 documents, 0.04 ms this way).
    return checks, (f"SELECT doc_id FROM {INDEX_TABLE} WHERE terms @@ %s::tsquery OFFSET 0", [tsq])


def filter_text(qs: QuerySet, query: str) -> QuerySet:
    """Documents whose title or body contains every term of ``query``."""
    checks, index_sql = _parts(query)
    qs = qs.filter(checks)
    if index_sql is None:
        return qs
    return qs.filter(pk__in=RawSQL(*index_sql))


def count_cap() -> int:
    return max(1, int(getattr(settings, "FAZHI_SEARCH_COUNT_CAP", 1000)))


class Hits:
    """A search's matches in the order shown: documents whose title holds every term first,
    then the others, each part in ``order`` (newest first). Counted up to the cap
    (``FAZHI_SEARCH_COUNT_CAP``): ``count()`` is the exact number below it and the cap
    above it (``capped``); only the first ``cap`` matches can be read.

    Why: a word found in nearly every document (管理, 监督管理: 73,000 of 200,000) took 4—9 s
    when every hit was counted and ranked. Here the title hits and then the other hits
    are read as ids, each part ordered and LIMITed to cap + 1, so no query reads more than
    that many matching rows (the LIKE checks of longer terms run on those rows only);
    a page then reads its rows by id. Works as a Paginator's object list and for the API's
    limit/offset pagination (``all``, ``count``, slicing)."""

    def __init__(self, qs: QuerySet, query: str, *order: str, cap: int | None = None):
        self.query = query
        self.rows_qs = qs
        self.order = order or ("-pk",)
        self.cap = cap or count_cap()
        self._ids: list[int] | None = None

    def all(self) -> Hits:
        return self

    def _matching(self) -> list[int]:
        if self._ids is None:
            base = self.rows_qs.order_by(*self.order)
            limit = self.cap + 1
            with _index_first(self.query):
                # Title hits: the title part alone (it implies the whole query).
                in_title, many = _part(self.query, title=True)
                _read_in_order(many)
                ids = list(base.filter(in_title).values_list("pk", flat=True)[:limit])
                if len(ids) < limit:
                    found, many = _part(self.query)
                    _read_in_order(many)
                    rest = base.filter(found).exclude(in_title)
                    ids += list(rest.values_list("pk", flat=True)[: limit - len(ids)])
            self._ids = ids
        return self._ids

    @property
    def capped(self) -> bool:
        """More matches than the cap: the page says 超过N件."""
        return len(self._matching()) > self.cap

    def count(self) -> int:
        return min(len(self._matching()), self.cap)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = self._matching()[: self.cap][key]
        rows = self.rows_qs.order_by().in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self):
        return iter(self[:])


# A part of a search whose index look-up finds fewer documents than this is read by
# their ids and sorted; one finding more is read in the list's order, each row's id
# checked against the look-up, until the cap is reached. (At 200,000 documents reading
# 73,000 hits by id and sorting them took 0.5 s on SQLite.)
DRIVE_BY_ORDER = 5000


def _part(query: str, title: bool = False) -> tuple[Q, bool]:
    """The condition for ``query`` (in the title only, or in title or body), its index
    look-up written for the number of documents it finds, and whether they are many.

    Few (under ``DRIVE_BY_ORDER``): their ids (the look-up runs once, not again for the
    title hits' exclusion); the rows are read by id and sorted. Many: the list is read in
    its order (the index on status, published_on) and each row checked until the cap is
    reached — on SQLite ``+id IN (look-up)``, which SQLite cannot drive the query from, a
    longer term's phrase asked as its tokens in any order (the position check of a phrase
    found in nearly every document costs 90 ms at 200,000) and checked with LIKE on the
    rows read; on PostgreSQL ``EXISTS`` the row's own index entry matching (by its primary
    key), since a hash of every matching id costs 0.1—0.3 s to build."""
    checks, index_sql = _parts(query, title)
    if index_sql is None:
        return checks, False
    sql, params = index_sql
    with connection.cursor() as cur:
        cur.execute(f"SELECT * FROM ({sql}) AS found LIMIT {DRIVE_BY_ORDER}", params)
        ids = [row[0] for row in cur.fetchall()]
    if len(ids) < DRIVE_BY_ORDER:
        return checks & Q(pk__in=ids), False
    if connection.vendor == "postgresql":
        sql = (
            f"EXISTS (SELECT 1 FROM {INDEX_TABLE} AS b "
            f'WHERE b.doc_id = "{DOC_TABLE}"."id" AND b.terms @@ %s::tsquery)'
        )
        return checks & Q(RawSQL(sql, params, output_field=BooleanField())), True
    checks, (sql, params) = _parts(query, title, loose=True)
    found = RawSQL(f'+"{DOC_TABLE}"."id" IN ({sql})', params, output_field=BooleanField())
    return checks & Q(found), True


def _read_in_order(many: bool) -> None:
    """PostgreSQL: for a part with many matches, no full sort (the planner, misjudging how
    many rows the LIKE checks keep, would sort every hit): it then walks the (status,
    published_on) index and stops at the cap; one process, since a parallel walk reads
    past the cap in each worker."""
    if connection.vendor != "postgresql":
        return
    value = "off" if many else "on"
    with connection.cursor() as cur:
        cur.execute(f"SET LOCAL enable_sort = {value}")
        cur.execute(f"SET LOCAL max_parallel_workers_per_gather = {0 if many else 2}")


@contextmanager
def _index_first(query: str):
    """PostgreSQL: the search's queries in one transaction, so that their planner settings
    (``SET LOCAL``) end with it. A prefix query (one character, ``'梯':*``) is priced as
    matching most rows, so the planner scans every tsvector (2—3 s at 200,000 documents)
    instead of asking the GIN index (milliseconds): here it is told not to."""
    if connection.vendor != "postgresql":
        yield
        return
    prefix = any(_term_tokens(t)[1] for t in terms(query))
    with transaction.atomic(), connection.cursor() as cur:
        if prefix:
            cur.execute("SET LOCAL enable_seqscan = off")
        yield


def results(qs: QuerySet, query: str, *order: str) -> QuerySet | Hits:
    """A list's documents for ``query``: ``qs`` in ``order`` when there is no query, else
    its matches, title hits first (``Hits``)."""
    if not terms(query):
        return qs.order_by(*order)
    return Hits(qs, query, *order)


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


def cap_notice(page, requested) -> dict:
    """What a list page says of a search's cap: ``capped`` (more matches than the cap:
    超过N件) and ``beyond`` (a page past the cap was asked for: the last one is shown)."""
    hits = page.paginator.object_list
    if not isinstance(hits, Hits):
        return {"capped": False, "beyond": False, "cap": count_cap()}
    try:
        asked = int(str(requested))
    except (TypeError, ValueError):
        asked = page.number
    return {"capped": hits.capped, "beyond": asked > page.number, "cap": hits.cap}
