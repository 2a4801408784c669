"""The two full-text back ends behind one interface: PostgreSQL's and SQLite's FTS5.

Both take a queryset of rows the reader may read (search.selectors) and a phrase, and return it
filtered to matches, with `rank` (higher is better) and `snippet`: the best passage of the body
with the matched words between two private-use characters, which `search.selectors` escapes and
turns into <mark>. The snippet is cut from the row's own text, and the row was filtered by
visibility first, so a snippet never quotes what the reader may not read.
"""
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL

MARK_START, MARK_END = "\ue000", "\ue001"
WORD = re.compile(r"\w+", re.UNICODE)

# Title > heading > body: PostgreSQL weights A, B, D; FTS5's bm25 column weights.
PG_VECTOR_SQL = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(heading, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'D')"
)
FTS_WEIGHTS = (10.0, 4.0, 1.0)


class PostgresBackend:
    vendor = "postgresql"

    def install(self, cursor) -> None:
        # Only what is missing: an ALTER TABLE is refused inside a transaction that has written rows.
        cursor.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'search_searchentry' "
                       "AND column_name = 'search_vector'")
        if cursor.fetchone() is None:
            cursor.execute(f"ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector "
                           f"GENERATED ALWAYS AS ({PG_VECTOR_SQL}) STORED")
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'")
        if cursor.fetchone() is None:
            cursor.execute("CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (search_vector)")

    def uninstall(self, cursor) -> None:
        cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector")

    def search(self, qs, phrase: str):
        query = SearchQuery(phrase, search_type="websearch", config="english")
        vector = RawSQL('"search_searchentry"."search_vector"', [], output_field=SearchVectorField())
        return (
            qs.annotate(matched=RawSQL('"search_searchentry"."search_vector" @@ websearch_to_tsquery(\'english\', %s)',
                                       [phrase], output_field=BooleanField()))
            .filter(matched=True)
            .annotate(
                rank=SearchRank(vector, query, normalization=1),
                snippet=SearchHeadline(F("body"), query, config="english", start_sel=MARK_START, stop_sel=MARK_END,
                                       max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … "),
            )
            .order_by("-rank", "-date", "pk")
        )

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


class SqliteBackend:
    vendor = "sqlite"

    def install(self, cursor) -> None:
        cursor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, heading, body, "
                       "content='search_searchentry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')")
        columns = "title, heading, body"
        old = "old.title, old.heading, old.body"
        new = "new.title, new.heading, new.body"
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
                       f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END")
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
                       f"INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); END")
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
                       f"INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); "
                       f"INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")

    def uninstall(self, cursor) -> None:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS search_fts_{trigger}")
        cursor.execute("DROP TABLE IF EXISTS search_fts")

    @staticmethod
    def match_expression(phrase: str) -> str:
        """Every word of the phrase (quoted, so FTS5's own syntax in it is only text); "…" a phrase."""
        parts = []
        for i, chunk in enumerate(phrase.split('"')):
            words = WORD.findall(chunk)
            if not words:
                continue
            if i % 2:  # inside quotes: the words in order
                parts.append('"' + " ".join(words) + '"')
            else:
                parts.extend(f'"{w}"' for w in words)
        return " AND ".join(parts)

    def search(self, qs, phrase: str):
        match = self.match_expression(phrase)
        if not match:
            return qs.none()
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        return qs.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchentry.id", "search_fts MATCH %s"],
            params=[match],
            # bm25 is lower for better matches: negated, so that higher is better as on PostgreSQL.
            select={"rank": f"-bm25(search_fts, {weights})",
                    "snippet": "snippet(search_fts, 2, %s, %s, ' … ', 30)"},
            select_params=[MARK_START, MARK_END],
        ).order_by("-rank", "-date", "pk")

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def backend(using=None):
    vendor = (connection if using is None else using).vendor
    return PostgresBackend() if vendor == "postgresql" else SqliteBackend()
