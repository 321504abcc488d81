"""The sales funnel for a period, team or rep (BUSINESS-RULES §5.3).

Definitions, from the vendor help the rules cite:

* **reached(stage)**: distinct opportunities that *entered* the stage in the period (a stage
  history row with ``to_stage`` = stage and ``changed_at`` in the period), not those sitting in
  it now;
* **conversion(k)** = reached(k) ÷ reached(k − 1) (none for the first stage);
* **amount(stage)** = Σ amount of those opportunities; **forecast** = amount × the stage's
  win probability;
* **average dwell(stage)** = Σ time spent in the stage over every visit that began in the period
  (re-entries included; a visit still open counts up to *now*) ÷ reached(stage);
* **won / lost**: opportunities that entered won / lost in the period, with the lost reasons;
* **bottlenecks**: the stage with the lowest conversion onward (the stage k of the weakest
  k → k+1 step), and separately the one with the longest average dwell.

It runs over the visit columns of :mod:`app.reports.visits` (each history row with its end),
so any period, team or rep takes milliseconds at 150 000 opportunities.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np

from app.db import Database
from app.enums import DEFAULT_PROBABILITY, FUNNEL_STAGES, Stage
from app.reports.common import ReportScope, cents_to_money, owners, ratio
from app.reports.table import ReportTable
from app.reports.visits import STAGE_CODE, STAGES, visits

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    reached: int
    conversion: Decimal | None  # from the previous stage; None for the first
    amount: Decimal
    forecast: Decimal
    dwell: timedelta | None  # average time in the stage; None for won (terminal)


@dataclass(frozen=True)
class FunnelReport:
    scope: ReportScope
    rows: tuple[FunnelRow, ...]
    won: int
    lost: int
    lost_reasons: tuple[tuple[str, int], ...]  # most frequent first
    lowest_conversion: str | None
    longest_dwell: str | None

    def row(self, stage: str) -> FunnelRow:
        return next(r for r in self.rows if r.stage == stage)

    def table(self) -> ReportTable:
        rows = tuple((r.stage, r.reached, r.conversion, r.amount, r.forecast,
                      None if r.dwell is None else Decimal(r.dwell.total_seconds()) / 86400)
                     for r in self.rows)
        marked = frozenset(i for i, r in enumerate(self.rows)
                           if r.stage in (self.lowest_conversion, self.longest_dwell))
        return ReportTable("funnel", ("stage", "reached", "conversion", "amount", "forecast",
                                      "dwell_days"), rows, marked)


def funnel(db: Database, scope: ReportScope, now: datetime,
           probabilities: Mapping[Stage, int] = DEFAULT_PROBABILITY) -> FunnelReport:
    """The funnel of ``scope``; open visits count up to ``now``."""
    with db.reader() as s:
        ids = owners(s, scope)
        v = visits(db, s)
    start_ms, end_ms = _ms(scope.start), _ms(scope.end)
    mask = (v.start >= start_ms) & (v.start < end_ms)
    codes = v.owner_codes(ids)
    if codes is not None:
        mask &= np.isin(v.owner[v.opportunity], codes)
    opp, stage = v.opportunity[mask], v.stage[mask]
    # Each visit's time: until the next change, or until now while it is open.
    spent = np.where(v.end[mask] >= 0, v.end[mask], _ms(now)) - v.start[mask]
    dwell_ms = np.bincount(stage, weights=spent, minlength=len(STAGES))
    # "Reached" counts an opportunity once per stage however often it re-entered.
    # Sorting beats np.unique's hashing here (keys come nearly sorted: visits are by opp).
    keys = np.sort(opp * len(STAGES) + stage)
    pairs = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    pair_opp, pair_stage = pairs // len(STAGES), pairs % len(STAGES)
    reached = np.bincount(pair_stage, minlength=len(STAGES))
    in_currency = v.currency[pair_opp] == v.currency_code(scope.currency)
    cents = np.bincount(pair_stage, weights=np.where(in_currency, v.cents[pair_opp], 0),
                        minlength=len(STAGES))
    lost_code = STAGE_CODE[Stage.LOST.value]
    lost_opps = pair_opp[(pair_stage == lost_code) & (v.current[pair_opp] == lost_code)]
    by_reason = np.bincount(v.reason[lost_opps] + 1, minlength=len(v.reasons) + 1)
    reasons = {("" if i == 0 else v.reasons[i - 1]): int(n)
               for i, n in enumerate(by_reason.tolist()) if n}

    rows: list[FunnelRow] = []
    previous: int | None = None
    for stage_enum in FUNNEL_STAGES:
        code = STAGE_CODE[stage_enum.value]
        count = int(reached[code])
        amount = cents_to_money(round(cents[code]))
        forecast = (amount * probabilities[stage_enum] / 100).quantize(Decimal("0.01"))
        average = (timedelta(milliseconds=round(dwell_ms[code])) / count
                   if count else timedelta(0))
        rows.append(FunnelRow(
            stage_enum.value, count, None if previous is None else ratio(count, previous),
            amount, forecast, None if stage_enum is Stage.WON else average))
        previous = count
    return FunnelReport(
        scope, tuple(rows), int(reached[STAGE_CODE[Stage.WON.value]]), int(reached[lost_code]),
        tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        _lowest_conversion(rows), _longest_dwell(rows))


def _ms(value: datetime) -> int:
    # Whole milliseconds since the epoch, as the visit columns hold them.
    return (value - EPOCH) // timedelta(milliseconds=1)


def _lowest_conversion(rows: list[FunnelRow]) -> str | None:
    """The stage deals leave worst: conversion(k → k+1) is shown on row k+1, but the stage
    that holds them back is k (the rules' "conversion(stage k → k+1)")."""
    rated = [i for i, r in enumerate(rows) if i and r.conversion is not None]
    if not rated:
        return None
    worst = min(rated, key=lambda i: (rows[i].conversion, i))
    return rows[worst - 1].stage


def _longest_dwell(rows: list[FunnelRow]) -> str | None:
    timed = [r for r in rows if r.dwell is not None and r.reached]
    if not timed:
        return None
    return max(timed, key=lambda r: (r.dwell, -rows.index(r))).stage
