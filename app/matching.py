"""Duplicate matching for customers and contacts (BUSINESS-RULES §5.1, §5.2).

Pure functions over candidates the caller supplies (the services fetch them, filtered to the
user's scope): the same matcher serves manual entry, import, card save, lead conversion, the
server's re-check on sync and the scan-all job.

Company rules, strongest first:

* ``uscc`` — the same unified social credit code: a **hard** duplicate (block, offer merge);
* ``exact_core`` — the same normalised core (:func:`app.company_names.normalize_company`);
* ``fuzzy`` — similar cores (:func:`fuzzy_score`: normalised Levenshtein similarity with
  thresholds tuned on ``bench/data/company_pairs.csv``, and no fuzzy match between different
  Chinese trade names), tried only when no exact match was found.

Two flags qualify a match. ``branch``: the same group but a different record (a head office
and its branch, or two different branches) — the UI says so instead of merging. ``conflict``:
evidence that these are different legal entities despite the similar names — both carry a
USCC and they differ, or both name a place at the same level and not the same one (深圳市XX科技
vs 广州市XX科技: a trade name is only unique within its registration area). Such matches are
still returned, because "someone already works with a same-named company" is worth knowing,
but :attr:`Match.same_record` is False for them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, Literal, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from app.company_names import (
    CompanyKey,
    Place,
    normalize_company,
    places_conflict,
    split_trade_name,
)
from app.errors import ValidationError
from app.validation import normalize_phone

IdT = TypeVar("IdT", bound=Hashable)

CompanyMatchKind = Literal["uscc", "exact_core", "fuzzy"]
Conflict = Literal["uscc", "place"]
ContactMatchKind = Literal["email", "mobile", "fixed_line", "name_at_company"]

#: Minimum normalised Levenshtein similarity (0–100) of two Chinese cores for a fuzzy match,
#: tuned on ``bench/data/company_pairs.csv``: one typo in a four-character core scores 75, an
#: inserted word (中国银行 / 中国建设银行) 67 or less.
CJK_THRESHOLD = 75.0
#: The same for Latin-script cores, which are longer: one wrong letter in "Sunrise Solar" vs
#: "Sunset Solar" must not match, "Widget" vs "Widgets" must.
LATIN_THRESHOLD = 85.0

#: Minimum similarity (0–100) of two person names at the same company for a soft match.
NAME_THRESHOLD = 90.0

_KIND_RANK: dict[str, int] = {"uscc": 0, "exact_core": 1, "fuzzy": 2}
# Shorter cores cannot be told apart from different companies by spelling alone (美的 / 美菱).
_MIN_FUZZY_LEN = 4


@dataclass(frozen=True, slots=True)
class Match(Generic[IdT]):
    """One candidate company that may be the same customer."""

    id: IdT
    name: str
    kind: CompanyMatchKind
    score: float
    branch: bool = False
    conflict: Conflict | None = None

    @property
    def hard(self) -> bool:
        """A hard duplicate blocks saving (configurable per entity, §5.1 unique checks)."""
        return self.kind == "uscc"

    @property
    def same_record(self) -> bool:
        """Probably the very same customer record (offer a merge), not just a relative."""
        return self.hard or (not self.branch and self.conflict is None)


@dataclass(frozen=True, slots=True)
class _Verdict:
    kind: CompanyMatchKind
    score: float
    branch: bool
    conflict: Conflict | None


def _clean_uscc(code: str | None) -> str | None:
    # Lenient on purpose: matching must not fail on a malformed code; validation rejects it.
    if not code:
        return None
    cleaned = "".join(unicodedata.normalize("NFKC", code).split()).upper()
    return cleaned or None


def _branch_flag(a: CompanyKey, b: CompanyKey) -> bool:
    return (a.is_branch or b.is_branch) and a.branch != b.branch


def _conflict(
    a: CompanyKey, uscc_a: str | None, b: CompanyKey, uscc_b: str | None
) -> Conflict | None:
    if uscc_a and uscc_b and uscc_a != uscc_b:
        return "uscc"
    if places_conflict(a.places, b.places):
        return "place"
    return None


_DIGITS_RE = re.compile(r"\d+")
_CJK_RE = re.compile("[\u2e80-\U0010ffff]")


def _is_cjk(core: str) -> bool:
    return _CJK_RE.search(core) is not None


def default_threshold(core_a: str, core_b: str) -> float:
    """The tuned threshold for a pair: Chinese cores are short, Latin ones long."""
    return CJK_THRESHOLD if _is_cjk(core_a) or _is_cjk(core_b) else LATIN_THRESHOLD


def _other_trade_name(core_a: str, core_b: str) -> bool:
    """True when two Chinese cores differ in a way spelling says is a different company.

    A trade name (字号) is chosen to be distinct, so one different character in it names
    another company (天晟贸易 / 天盛贸易, 中兴通讯 / 中信通讯), while a typo is believable in
    the industry words (汇川技朮, 海康威视数字枝术). Likewise the same trade name with another
    recognised industry is another company (华为技术 / 华为终端).
    """
    if core_a[:2] != core_b[:2]:
        return True
    trade_a, industry_a = split_trade_name(core_a)
    trade_b, industry_b = split_trade_name(core_b)
    if not industry_a or not industry_b:
        return False  # an industry word with a typo is not recognised: let spelling decide
    return (industry_a == industry_b) != (trade_a == trade_b)


def fuzzy_score(core_a: str, core_b: str, threshold: float | None = None) -> float:
    """Similarity (0–100) of two cores, or 0.0 when they must not match fuzzily.

    Levenshtein rather than token ratios: the cores have no spaces left, and Chinese
    typos are single substituted characters. Scores under ``threshold`` (default: by
    script, see :func:`default_threshold`) are 0.0.
    """
    if min(len(core_a), len(core_b)) < _MIN_FUZZY_LEN:
        return 0.0  # 美的 / 美菱: too short to judge by spelling
    if _DIGITS_RE.findall(core_a) != _DIGITS_RE.findall(core_b):
        return 0.0  # Plant 3 / Plant 5, 33 / 13: numbers name different companies, not typos
    cutoff = default_threshold(core_a, core_b) if threshold is None else threshold
    score = 100.0 * Levenshtein.normalized_similarity(core_a, core_b, score_cutoff=cutoff / 100.0)
    if score and _is_cjk(core_a) and _is_cjk(core_b) and _other_trade_name(core_a, core_b):
        return 0.0
    return score


def _assess(
    a: CompanyKey,
    uscc_a: str | None,
    b: CompanyKey,
    uscc_b: str | None,
    *,
    fuzzy: bool,
    threshold: float | None,
) -> _Verdict | None:
    if uscc_a and uscc_a == uscc_b:
        return _Verdict("uscc", 100.0, branch=False, conflict=None)
    if not a.core or not b.core:
        return None
    if a.core == b.core:
        kind: CompanyMatchKind = "exact_core"
        score = 100.0
    elif fuzzy and (score := fuzzy_score(a.core, b.core, threshold)) > 0.0:
        kind = "fuzzy"
    else:
        return None
    return _Verdict(kind, score, _branch_flag(a, b), _conflict(a, uscc_a, b, uscc_b))


def compare_companies(
    name_a: str,
    name_b: str,
    uscc_a: str | None = None,
    uscc_b: str | None = None,
    *,
    threshold: float | None = None,
) -> Match[int] | None:
    """Compare two names directly (the golden-set evaluation and tests use this).

    The result's ``id`` is 0 and ``name`` is ``name_b``.
    """
    found = match_company(name_a, [(0, name_b, uscc_b)], uscc_a, threshold=threshold)
    return found[0] if found else None


def match_company(
    name: str,
    candidates: Iterable[tuple[IdT, str, str | None]],
    uscc: str | None = None,
    *,
    threshold: float | None = None,
) -> list[Match[IdT]]:
    """Candidates ``(id, name, uscc)`` that may be the company ``name``, best first.

    Fuzzy scoring runs only when neither a USCC nor an exact core identified the same
    record, as the business rule says ("only after exact core matching fails").
    """
    key = normalize_company(name)
    own_uscc = _clean_uscc(uscc)
    pool = [
        (cid, cname, normalize_company(cname), _clean_uscc(cu)) for cid, cname, cu in candidates
    ]
    found: list[Match[IdT]] = []
    for fuzzy in (False, True):
        if fuzzy and any(m.same_record for m in found):
            break
        for cid, cname, ckey, cuscc in pool:
            verdict = _assess(key, own_uscc, ckey, cuscc, fuzzy=fuzzy, threshold=threshold)
            if verdict is None or (fuzzy and verdict.kind != "fuzzy"):
                continue
            found.append(
                Match(cid, cname, verdict.kind, verdict.score, verdict.branch, verdict.conflict)
            )
    found.sort(key=lambda m: (not m.same_record, _KIND_RANK[m.kind], -m.score))
    return found


# --- contacts ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactCandidate(Generic[IdT]):
    """An existing contact as the matcher needs it (values as stored: E.164 phones)."""

    id: IdT
    name: str
    email: str | None = None
    phones: Sequence[str] = ()
    company_core: str | None = None


@dataclass(frozen=True, slots=True)
class ContactMatch(Generic[IdT]):
    """One existing contact that may be the person being saved.

    ``kinds`` lists every reason found, strongest first. A shared e-mail address or mobile
    number is hard; a similar name at the same company (or on the same switchboard) is soft.
    """

    id: IdT
    kinds: tuple[ContactMatchKind, ...]
    name_score: float

    @property
    def hard(self) -> bool:
        return "email" in self.kinds or "mobile" in self.kinds


_HONORIFICS = ("先生", "女士", "小姐", "mr", "mrs", "ms", "dr")


def _email_key(email: str | None) -> str | None:
    if not email:
        return None
    # Local parts are case-sensitive in theory only; every real mail system ignores case.
    key = unicodedata.normalize("NFKC", email).strip().casefold()
    return key or None


@lru_cache(maxsize=50_000)
def _phone_key(raw: str, region: str) -> tuple[str, bool] | None:
    """(E.164, is a fixed line) or None when the text is no valid phone number."""
    try:
        phone = normalize_phone(raw, region)
    except ValidationError:
        return None
    return phone.e164, phone.kind == "fixed_line"


def _person_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    words = [w.strip(".,") for w in text.split()]
    words = [w for w in words if w and w not in _HONORIFICS]
    joined = " ".join(words)
    for honorific in _HONORIFICS[:3]:
        if joined.endswith(honorific) and len(joined) > len(honorific) + 1:
            joined = joined[: -len(honorific)]
    return joined


def name_score(a: str, b: str) -> float:
    """Similarity (0–100) of two person names; word order is ignored (Smith, John)."""
    key_a, key_b = _person_key(a), _person_key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a.replace(" ", "") == key_b.replace(" ", ""):
        return 100.0  # 张 伟 / 张伟
    return float(fuzz.token_sort_ratio(key_a, key_b))


def match_contact(
    email: str | None,
    phones: Iterable[str],
    name: str | None,
    company_core: str | None,
    candidates: Iterable[ContactCandidate[IdT]],
    *,
    default_region: str = "CN",
    threshold: float = NAME_THRESHOLD,
) -> list[ContactMatch[IdT]]:
    """Existing contacts that may be this person, hard matches first.

    ``company_core`` is ``normalize_company(company).core`` of the contact's company. A
    shared fixed line counts only together with a similar name: colleagues share the
    switchboard.
    """
    own_email = _email_key(email)
    own_phones = {k for p in phones if (k := _phone_key(p, default_region)) is not None}
    found: list[ContactMatch[IdT]] = []
    for cand in candidates:
        kinds: list[ContactMatchKind] = []
        if own_email and own_email == _email_key(cand.email):
            kinds.append("email")
        their = {k for p in cand.phones if (k := _phone_key(p, default_region)) is not None}
        shared = own_phones & their
        if any(not fixed for _, fixed in shared):
            kinds.append("mobile")
        score = name_score(name, cand.name) if name else 0.0
        if score >= threshold:
            if any(fixed for _, fixed in shared):
                kinds.append("fixed_line")
            if company_core and company_core == cand.company_core:
                kinds.append("name_at_company")
        if kinds:
            found.append(ContactMatch(cand.id, tuple(kinds), score))
    found.sort(key=lambda m: (not m.hard, -m.name_score))
    return found


# --- scan-all ---------------------------------------------------------------------------


class UnionFind:
    """Disjoint sets over 0..size-1 (path halving; the smaller index becomes the root)."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]  # path halving
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)


@dataclass(slots=True)
class _Cluster:
    """Records with one (core, branch) that may be one entity: no conflicting place/USCC."""

    first: int
    core: str
    branch: str | None
    places: set[Place] = field(default_factory=set)
    usccs: set[str] = field(default_factory=set)

    def accepts(self, places: Iterable[Place], uscc: str | None) -> bool:
        if uscc and self.usccs and uscc not in self.usccs:
            return False
        return not places_conflict(self.places, places)

    def compatible(self, other: _Cluster) -> bool:
        if self.usccs and other.usccs and self.usccs.isdisjoint(other.usccs):
            return False
        return not places_conflict(self.places, other.places)

    def add(self, places: Iterable[Place], uscc: str | None) -> None:
        self.places.update(places)
        if uscc:
            self.usccs.add(uscc)


def _block_keys(core: str, branch: str | None) -> Iterator[tuple[str, str | None]]:
    """Keys such that two cores that may match fuzzily share at least one.

    Chinese cores only match when their first two characters agree (see
    :func:`_other_trade_name`), so that prefix is their one key. For other cores, any single
    substitution, insertion or deletion leaves one of the three two-character subsequences
    of the first three characters intact. Either way pairs are only ever compared within
    small blocks, never all pairs of 100 000 names.
    """
    if _is_cjk(core[:2]):
        yield core[:2], branch
        return
    head = core[:3]
    seen: set[str] = set()
    for i in range(len(head)):
        for j in range(i + 1, len(head)):
            pair = head[i] + head[j]
            if pair not in seen:
                seen.add(pair)
                yield pair, branch


def group_duplicates(
    records: Iterable[tuple[IdT, str, str | None]],
    *,
    threshold: float | None = None,
) -> list[list[IdT]]:
    """Groups (two or more ids each) of records ``(id, name, uscc)`` that look like one customer.

    For the scan-all job. Blocking keeps it far from O(n²): records are joined first by USCC,
    then by exact (core, branch) — split where places or USCCs conflict — and fuzzy scoring
    only compares distinct cores that share a block key (see ``_block_keys``). Branches stay
    apart from their head office. Groups come in order of their first record, ids in input
    order.
    """
    items = [(rid, normalize_company(name), _clean_uscc(uscc)) for rid, name, uscc in records]
    uf = UnionFind(len(items))

    first_by_uscc: dict[str, int] = {}
    for index, (_, _, uscc) in enumerate(items):
        if uscc:
            uf.union(first_by_uscc.setdefault(uscc, index), index)

    clusters_by_key: dict[tuple[str, str | None], list[_Cluster]] = {}
    for index, (_, key, uscc) in enumerate(items):
        if not key.core:
            continue
        clusters = clusters_by_key.setdefault((key.core, key.branch), [])
        for cluster in clusters:
            if cluster.accepts(key.places, uscc):
                cluster.add(key.places, uscc)
                uf.union(cluster.first, index)
                break
        else:
            cluster = _Cluster(index, key.core, key.branch)
            cluster.add(key.places, uscc)
            clusters.append(cluster)

    _join_fuzzy([c for cs in clusters_by_key.values() for c in cs], uf, threshold)

    groups: dict[int, list[IdT]] = {}
    for index, (rid, _, _) in enumerate(items):
        groups.setdefault(uf.find(index), []).append(rid)
    return [ids for ids in groups.values() if len(ids) > 1]


_SMALL_BLOCK = 12


def _similar_pairs(cores: list[str], cutoff: float) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of ``cores`` whose Levenshtein similarity reaches ``cutoff``."""
    if len(cores) <= _SMALL_BLOCK:
        # Most blocks hold a few cores: direct calls beat setting up a batch.
        for i, core in enumerate(cores):
            for j in range(i + 1, len(cores)):
                if Levenshtein.normalized_similarity(core, cores[j], score_cutoff=cutoff):
                    yield i, j
        return
    for i, core in enumerate(cores):
        # extract runs the inner loop in C.
        hits = process.extract(
            core, cores, scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff, limit=None
        )
        for _, _, j in hits:
            if j > i:
                yield i, j


def _join_fuzzy(clusters: list[_Cluster], uf: UnionFind, threshold: float | None) -> None:
    blocks: dict[tuple[str, str | None], list[int]] = {}
    for number, cluster in enumerate(clusters):
        if len(cluster.core) >= _MIN_FUZZY_LEN:
            for block_key in _block_keys(cluster.core, cluster.branch):
                blocks.setdefault(block_key, []).append(number)
    # A cheap pre-filter in C with the lowest threshold; fuzzy_score then applies the rules.
    cutoff = (min(CJK_THRESHOLD, LATIN_THRESHOLD) if threshold is None else threshold) / 100.0
    for members in blocks.values():
        if len(members) < 2:
            continue
        for first, second in _similar_pairs([clusters[m].core for m in members], cutoff):
            a, b = clusters[members[first]], clusters[members[second]]
            if fuzzy_score(a.core, b.core, threshold) > 0.0 and a.compatible(b):
                uf.union(a.first, b.first)
