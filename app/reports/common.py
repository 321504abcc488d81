"""What every report is asked for: a period and whose data (everyone, a team, one rep)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.clock import parse_utc
from app.errors import ValidationError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ReportScope:
    """A half-open period ``[start, end)`` in UTC, and whose records count.

    ``owner_ids`` None means everyone in the replica (a manager's replica holds the team, a
    rep's replica only the rep's scope, as the server scopes it). ``team_id`` narrows to the
    users of one team.
    """

    start: datetime
    end: datetime
    owner_ids: tuple[str, ...] | None = None
    team_id: str | None = None
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValidationError("naive_datetime", field="period",
                                  message="report periods must be timezone-aware")
        if self.end <= self.start:
            raise ValidationError("empty_period", field="period",
                                  message="the period must end after it starts")


def stamp(value: datetime) -> str:
    """A UTC datetime as the text SQLAlchemy stores in SQLite (sorts and compares as text)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def parse_stamp(value: Any) -> datetime | None:
    """A stored time read by raw SQL, as aware UTC (see :func:`app.clock.parse_utc`)."""
    return parse_utc(value)


def owners(session: Session, scope: ReportScope) -> list[str] | None:
    """The owner ids the scope covers, or None for everyone."""
    ids: set[str] | None = None if scope.owner_ids is None else set(scope.owner_ids)
    if scope.team_id is not None:
        rows = session.connection().exec_driver_sql(
            "SELECT id FROM users WHERE team_id = ? AND deleted_at IS NULL", (scope.team_id,))
        team = {r[0] for r in rows}
        ids = team if ids is None else ids & team
    return None if ids is None else sorted(ids)


def team_reps(session: Session, viewer_id: str | None,
              viewer_role: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The team a manager reports on and its reps as (id, display name), by name.

    A manager's replica also holds users of other teams (users are not scoped), so a manager's
    "everyone" is their team; an admin's is every rep (team None).
    """
    conn = session.connection()
    team_id = None
    if viewer_role != "admin" and viewer_id is not None:
        team_id = conn.exec_driver_sql("SELECT team_id FROM users WHERE id = ?",
                                       (viewer_id,)).scalar()
    sql = ("SELECT id, display_name FROM users WHERE role = 'rep' AND active = 1"
           " AND deleted_at IS NULL")
    params: tuple[Any, ...] = ()
    if team_id is not None:
        sql += " AND team_id = ?"
        params = (team_id,)
    rows = conn.exec_driver_sql(sql + " ORDER BY display_name", params)
    return team_id, [(str(r[0]), str(r[1])) for r in rows]


def owner_clause(column: str, ids: Sequence[str] | None) -> tuple[str, tuple[Any, ...]]:
    """`` AND column IN (…)`` and its parameters, or nothing for everyone."""
    if ids is None:
        return "", ()
    if not ids:
        return " AND 0", ()
    return f" AND {column} IN ({','.join('?' for _ in ids)})", tuple(ids)


def cents_to_money(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)


# Amounts are exact decimal text; ROUND(x * 100) is exact for any amount below 10^13, so the
# integer sum of cents is exact too (SUM over the text would go through REAL).
CENTS_SQL = "CAST(ROUND({col} * 100) AS INTEGER)"


def user_names(session: Session) -> dict[str, str]:
    rows = session.connection().exec_driver_sql("SELECT id, display_name FROM users")
    return {r[0]: r[1] for r in rows}


def ratio(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as an exact-as-shown Decimal fraction (4 places), None for 0/0."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


def counts(result: Any) -> dict[str, int]:
    """``key → count`` from a two-column result (``GROUP BY`` with ``COUNT``)."""
    return {row[0]: int(row[1] or 0) for row in result}


PERIODS = ("this_month", "last_30_days", "this_quarter", "last_12_months", "this_year")


def period(key: str, now: datetime) -> tuple[datetime, datetime]:
    """``[start, end)`` of a named period ending now (calendar periods in UTC)."""
    from datetime import timedelta

    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    end = now + timedelta(seconds=1)
    match key:
        case "this_month":
            return day.replace(day=1), end
        case "last_30_days":
            return now - timedelta(days=30), end
        case "this_quarter":
            return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1), end
        case "last_12_months":
            return now - timedelta(days=365), end
        case "this_year":
            return day.replace(month=1, day=1), end
    raise ValidationError("not_in_list", field="period", value=key)
