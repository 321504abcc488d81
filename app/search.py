"""Global search over customers, contacts, opportunities and quotes (the Ctrl+K box).

Queries of three characters or more use the FTS5 trigram indexes (migrations 0002 and 0003),
which find substrings in Chinese and English alike without a word segmenter. Trigrams need
three characters; a one- or two-character query (张, 华强) is answered from indexed *prefix*
ranges instead: contact names, customer full and short names, and the normalised name core
(so 华强 finds 深圳市华强科技有限公司 through its core 华强科技). Nothing scans a whole table.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database

TRIGRAM = 3


@dataclass(frozen=True)
class SearchHit:
    kind: str  # customer | contact | opportunity | quote
    id: str
    title: str
    subtitle: str
    customer_id: str


def _fts_query(term: str) -> str:
    # Quote the term so FTS5 syntax characters in user input are taken literally.
    return '"' + term.replace('"', '""') + '"'


def _prefix(term: str) -> dict[str, str]:
    """Bounds of an index range holding every string that starts with ``term``."""
    return {"lo": term, "hi": term + "\U0010ffff"}


def _customers(s: Session, term: str, limit: int) -> list[SearchHit]:
    if len(term) >= TRIGRAM:
        sql = text("""SELECT c.id, c.full_name, coalesce(c.short_name, ''), c.id
            FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
            WHERE customers_fts MATCH :q AND c.deleted_at IS NULL LIMIT :n""")
        rows = s.execute(sql, {"q": _fts_query(term), "n": limit}).all()
    else:
        sql = text("""SELECT id, full_name, coalesce(short_name, ''), id FROM customers
            WHERE deleted_at IS NULL AND id IN (
                SELECT id FROM customers WHERE full_name >= :lo AND full_name < :hi
                UNION SELECT id FROM customers WHERE short_name >= :lo AND short_name < :hi
                UNION SELECT id FROM customers WHERE name_core >= :lo AND name_core < :hi)
            LIMIT :n""")
        rows = s.execute(sql, {**_prefix(term), "n": limit}).all()
    return [SearchHit("customer", r[0], r[1], r[2], r[3]) for r in rows]


def _contacts(s: Session, term: str, limit: int) -> list[SearchHit]:
    if len(term) >= TRIGRAM:
        where, params = "c.rowid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :q)", \
            {"q": _fts_query(term)}
    else:
        where, params = "c.name >= :lo AND c.name < :hi", _prefix(term)
    sql = text(f"""SELECT c.id, c.name, coalesce(cu.full_name, ''), c.customer_id
        FROM contacts c JOIN customers cu ON cu.id = c.customer_id
        WHERE {where} AND c.deleted_at IS NULL LIMIT :n""")
    return [SearchHit("contact", r[0], r[1], r[2], r[3])
            for r in s.execute(sql, {**params, "n": limit})]


def _opportunities(s: Session, term: str, limit: int) -> list[SearchHit]:
    if len(term) < TRIGRAM:
        return []  # opportunity names are generic ("试点项目"): two characters say nothing
    sql = text("""SELECT o.id, o.name, o.stage, o.customer_id
        FROM opportunities_fts f JOIN opportunities o ON o.rowid = f.rowid
        WHERE opportunities_fts MATCH :q AND o.deleted_at IS NULL LIMIT :n""")
    return [SearchHit("opportunity", r[0], r[1], r[2], r[3])
            for r in s.execute(sql, {"q": _fts_query(term), "n": limit})]


def _quotes(s: Session, term: str, limit: int) -> list[SearchHit]:
    # Quote numbers are typed from their start (Q-ZHANG-…) or by their sequence at the end.
    sql = text("""SELECT q.id, q.number, q.status, q.customer_id FROM quotes q
        WHERE q.deleted_at IS NULL AND q.number LIKE :q ESCAPE '\\' LIMIT :n""")
    like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [SearchHit("quote", r[0], r[1], r[2], r[3])
            for r in s.execute(sql, {"q": like, "n": limit})]


def search(db: Database, query: str, limit: int = 20) -> list[SearchHit]:
    """Up to ``limit`` hits of each kind for ``query`` (empty query: nothing)."""
    term = " ".join(query.split())
    if not term:
        return []
    with db.reader() as s:
        return [*_customers(s, term, limit), *_contacts(s, term, limit),
                *_opportunities(s, term, limit), *_quotes(s, term, limit)]


def rebuild(db: Database) -> None:
    """Rebuild the external-content indexes (needed after VACUUM, which may renumber rowids)."""
    with db.transaction() as s:
        s.execute(text("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')"))
        s.execute(text("INSERT INTO opportunities_fts(opportunities_fts) VALUES ('rebuild')"))
