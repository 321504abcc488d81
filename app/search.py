"""Global search over customers, contacts, opportunities and quotes (the Ctrl+K box).

Customers and contacts use the FTS5 trigram indexes (migration 0002), which find substrings in
Chinese and English alike. Trigrams need three characters; for one- or two-character queries
(张, 华为) we fall back to a bounded LIKE scan, which at 100 000 rows still answers in ~20 ms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import Database


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


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _customers(s: Session, term: str, limit: int) -> list[SearchHit]:
    if len(term) >= 3:
        sql = text("""SELECT c.id, c.full_name, coalesce(c.short_name, ''), c.id
            FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
            WHERE customers_fts MATCH :q AND c.deleted_at IS NULL LIMIT :n""")
        rows = s.execute(sql, {"q": _fts_query(term), "n": limit}).all()
    else:
        sql = text("""SELECT id, full_name, coalesce(short_name, ''), id FROM customers
            WHERE deleted_at IS NULL AND (full_name LIKE :q ESCAPE '\\'
            OR short_name LIKE :q ESCAPE '\\') LIMIT :n""")
        rows = s.execute(sql, {"q": _like(term), "n": limit}).all()
    return [SearchHit("customer", r[0], r[1], r[2], r[3]) for r in rows]


def _contacts(s: Session, term: str, limit: int) -> list[SearchHit]:
    if len(term) >= 3:
        sql = text("""SELECT c.id, c.name, coalesce(cu.full_name, ''), c.customer_id
            FROM contacts_fts f JOIN contacts c ON c.rowid = f.rowid
            JOIN customers cu ON cu.id = c.customer_id
            WHERE contacts_fts MATCH :q AND c.deleted_at IS NULL LIMIT :n""")
        rows = s.execute(sql, {"q": _fts_query(term), "n": limit}).all()
    else:
        sql = text("""SELECT c.id, c.name, coalesce(cu.full_name, ''), c.customer_id
            FROM contacts c JOIN customers cu ON cu.id = c.customer_id
            WHERE c.deleted_at IS NULL AND c.name LIKE :q ESCAPE '\\' LIMIT :n""")
        rows = s.execute(sql, {"q": _like(term), "n": limit}).all()
    return [SearchHit("contact", r[0], r[1], r[2], r[3]) for r in rows]


def _opportunities(s: Session, term: str, limit: int) -> list[SearchHit]:
    sql = text("""SELECT o.id, o.name, o.stage, o.customer_id FROM opportunities o
        WHERE o.deleted_at IS NULL AND o.name LIKE :q ESCAPE '\\' LIMIT :n""")
    return [
        SearchHit("opportunity", r[0], r[1], r[2], r[3])
        for r in s.execute(sql, {"q": _like(term), "n": limit})
    ]


def _quotes(s: Session, term: str, limit: int) -> list[SearchHit]:
    sql = text("""SELECT q.id, q.number, q.status, q.customer_id FROM quotes q
        WHERE q.deleted_at IS NULL AND q.number LIKE :q ESCAPE '\\' LIMIT :n""")
    return [
        SearchHit("quote", r[0], r[1], r[2], r[3])
        for r in s.execute(sql, {"q": _like(term), "n": limit})
    ]


def search(db: Database, query: str, limit: int = 20) -> list[SearchHit]:
    """Up to ``limit`` hits of each kind for ``query`` (empty query: nothing)."""
    term = " ".join(query.split())
    if not term:
        return []
    with db.reader() as s:
        return [
            *_customers(s, term, limit),
            *_contacts(s, term, limit),
            *_opportunities(s, term, limit),
            *_quotes(s, term, limit),
        ]


def rebuild(db: Database) -> None:
    """Rebuild the customer index (needed after VACUUM, which may renumber rowids)."""
    with db.transaction() as s:
        s.execute(text("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')"))
