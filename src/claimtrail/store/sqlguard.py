"""Is a query one read-only statement? Checked before it runs, on top of the read-only connection
with external access switched off that :meth:`Corpus.sql` runs it in."""

from __future__ import annotations

import re

import duckdb

from ..errors import QueryRefused

_FIRST_WORDS = {"SELECT", "WITH", "SHOW", "DESCRIBE", "EXPLAIN", "FROM", "PRAGMA", "SUMMARIZE"}
_FORBIDDEN = {"ATTACH", "DETACH", "COPY", "INSTALL", "LOAD", "EXPORT", "IMPORT", "CREATE", "INSERT",
              "UPDATE", "DELETE", "DROP", "ALTER", "SET", "RESET", "CALL", "CHECKPOINT", "VACUUM",
              "PREPARE", "EXECUTE", "TRUNCATE", "BEGIN", "COMMIT", "ROLLBACK", "USE", "MERGE"}
_ALLOWED_TYPES = {"SELECT", "EXPLAIN", "PRAGMA"}
# string literals ('…' with '' inside, E'…' too), dollar quotes, quoted identifiers, comments
_NOT_CODE = re.compile(r"""'(?:[^']|'')*'|\$(\w*)\$.*?\$\1\$|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/""",
                       re.DOTALL)
_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_PRAGMA = re.compile(r"PRAGMA\s+table_info\s*\(\s*('\w+'|\w+)\s*\)\s*;?$", re.IGNORECASE)


def check_read_only(query: str) -> str:
    """``query`` if it is one SELECT, WITH, SHOW, DESCRIBE, EXPLAIN or ``PRAGMA table_info``
    statement that names none of the writing or file-touching keywords; else QueryRefused."""
    code = _NOT_CODE.sub(" ", query)
    if "'" in code or "/*" in code or '"' in code:
        raise QueryRefused("the query has an unterminated string, identifier or comment")
    body = code.strip().rstrip(";").strip()
    if not body:
        raise QueryRefused("the query is empty; give one SELECT statement")
    if ";" in body:
        raise QueryRefused("give one statement at a time (the query has more than one)")
    words = [w.upper() for w in _WORD.findall(body)]
    if words[0] not in _FIRST_WORDS:
        raise QueryRefused(f"only read-only queries run here (SELECT, WITH, SHOW, DESCRIBE, "
                           f"EXPLAIN, PRAGMA table_info), not {words[0]}")
    if words[0] == "PRAGMA" and not _PRAGMA.match(query.strip()):
        raise QueryRefused("the only PRAGMA allowed is table_info('<table>')")
    bad = sorted(set(words) & _FORBIDDEN)
    if bad:
        raise QueryRefused(f"the query uses {', '.join(bad)}, which can write or reach outside the "
                           "corpus; 'claimtrail sql' only reads")
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as err:
        raise QueryRefused(f"the query cannot be parsed: {err}") from None
    if len(statements) != 1:
        raise QueryRefused("give one statement at a time (the query has more than one)")
    kind = statements[0].type.name
    if kind not in _ALLOWED_TYPES:
        raise QueryRefused(f"only read-only queries run here, not a {kind} statement")
    return query
