"""Search ranking, snippets, filters and visibility on the suite's database (PostgreSQL under
`make test`); tests/test_search_sqlite.py runs the same cases on SQLite's FTS5."""
from tests.search_cases import *  # noqa: F401,F403 – the shared cases, collected here
