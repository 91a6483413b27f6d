"""The "what fits me" checker: which measures fit a business, and which nearly do."""

from dataclasses import dataclass, field
from datetime import date

from . import reasons as r
from .reasons import Reason, render_reason
from .sme import ALL_INDUSTRIES, INDUSTRY_CODES, INDUSTRY_LABELS, SizeClass, classify
from .status import MeasureStatus, days_left, local_today

__all__ = [
    "BusinessProfile",
    "CheckResult",
    "Match",
    "MeasureFacts",
    "NearMiss",
    "Reason",
    "check",
    "evaluate",
    "render_reason",
]

TARGET_ALL = "all"
TARGET_SME = "sme"
TARGET_SMALL = "small"
TARGET_SIZES = frozenset({TARGET_ALL, TARGET_SME, TARGET_SMALL})


@dataclass(frozen=True)
class BusinessProfile:
    industry: str
    employees: int
    capital_yen: int | None
    is_corporation: bool
    sales_decline_percent: float | None = None
    purposes: frozenset[str] = frozenset()
    ward: str | None = None
    # 娯楽業 within services; see sme.size_rule.
    entertainment: bool = False

    def __post_init__(self):
        if self.industry not in INDUSTRY_CODES:
            raise ValueError(f"unknown industry code: {self.industry!r}")


@dataclass(frozen=True)
class MeasureFacts:
    """What the checker needs to know about a measure. Empty industries means all."""

    key: str
    kind: str
    industries: frozenset[str] = frozenset()
    max_employees: int | None = None
    min_sales_decline_percent: int | None = None
    purposes: frozenset[str] = frozenset()
    status: MeasureStatus = MeasureStatus.OPEN
    target_size: str = TARGET_ALL
    provider_level: str | None = None
    application_end: date | None = None

    def __post_init__(self):
        unknown = set(self.industries) - INDUSTRY_CODES - {ALL_INDUSTRIES}
        if unknown:
            raise ValueError(f"unknown industry codes: {sorted(unknown)}")
        if self.target_size not in TARGET_SIZES:
            raise ValueError(f"unknown target_size: {self.target_size!r}")

    @property
    def open_to_all_industries(self) -> bool:
        return not self.industries or ALL_INDUSTRIES in self.industries


@dataclass(frozen=True)
class Match:
    measure: MeasureFacts
    reasons: tuple[Reason, ...]
    days_left: int | None = None

    @property
    def key(self) -> str:
        return self.measure.key


@dataclass(frozen=True)
class NearMiss:
    """A measure that fails exactly one criterion; `missing` says which."""

    measure: MeasureFacts
    reasons: tuple[Reason, ...]
    missing: Reason
    days_left: int | None = None

    @property
    def key(self) -> str:
        return self.measure.key


@dataclass(frozen=True)
class CheckResult:
    size: SizeClass
    matches: list[Match] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)


def check(
    profile: BusinessProfile,
    measures,
    today: date | None = None,
) -> CheckResult:
    """Match a business against measures.

    Closed measures are left out entirely. A measure meeting every criterion is a
    match; one failing exactly one is a near-miss; the rest are dropped. Criteria a
    measure does not restrict (all industries, no limit, no purpose chosen) are
    neutral: they neither fail nor count as a reason. Both lists are sorted by more
    reasons first, then the soonest deadline (no deadline last), then key.
    """
    today = today or local_today()
    size = classify(
        profile.industry,
        profile.employees,
        profile.capital_yen,
        profile.is_corporation,
        entertainment=profile.entertainment,
    )
    matches, near_misses = [], []
    for measure in measures:
        if measure.status == MeasureStatus.CLOSED:
            continue
        met, missing = evaluate(profile, size, measure)
        left = days_left(measure.application_end, today)
        if not missing:
            matches.append(Match(measure, met, left))
        elif len(missing) == 1:
            near_misses.append(NearMiss(measure, met, missing[0], left))
    matches.sort(key=_rank)
    near_misses.sort(key=_rank)
    return CheckResult(size=size, matches=matches, near_misses=near_misses)


def evaluate(
    profile: BusinessProfile, size: SizeClass, measure: MeasureFacts
) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    """(criteria met, criteria failed) for one measure; neutral criteria are in neither."""
    met, missing = [], []
    for criterion in (_industry, _size, _employees, _sales_decline, _purpose):
        outcome = criterion(profile, size, measure)
        if outcome is None:
            continue
        ok, reason = outcome
        (met if ok else missing).append(reason)
    return tuple(met), tuple(missing)


def _industry(profile, size, measure):
    if measure.open_to_all_industries:
        return None
    if profile.industry in measure.industries:
        return True, Reason(r.INDUSTRY_MET, {"industry": profile.industry})
    allowed = tuple(code for code in INDUSTRY_LABELS if code in measure.industries)
    return False, Reason(r.INDUSTRY_MISMATCH, {"industry": profile.industry, "allowed": allowed})


def _size(profile, size, measure):
    if measure.target_size == TARGET_SME:
        if size.is_sme:
            return True, Reason(r.SIZE_SME_MET, {})
        return False, Reason(r.SIZE_NOT_SME, {})
    if measure.target_size == TARGET_SMALL:
        if size.is_small:
            return True, Reason(r.SIZE_SMALL_MET, {})
        return False, Reason(r.SIZE_NOT_SMALL, {})
    return None


def _employees(profile, size, measure):
    limit = measure.max_employees
    if limit is None:
        return None
    params = {"limit": limit, "actual": profile.employees}
    if profile.employees <= limit:
        return True, Reason(r.EMPLOYEES_MET, params)
    return False, Reason(r.EMPLOYEES_OVER, params)


def _sales_decline(profile, size, measure):
    required = measure.min_sales_decline_percent
    if required is None:
        return None
    actual = profile.sales_decline_percent
    if actual is None:
        return False, Reason(r.SALES_DECLINE_UNKNOWN, {"required": required})
    params = {"required": required, "actual": actual}
    if actual >= required:
        return True, Reason(r.SALES_DECLINE_MET, params)
    return False, Reason(r.SALES_DECLINE_SHORT, params)


def _purpose(profile, size, measure):
    if not profile.purposes or not measure.purposes:
        return None
    overlap = profile.purposes & measure.purposes
    if overlap:
        return True, Reason(r.PURPOSE_MET, {"purposes": tuple(sorted(overlap))})
    return False, Reason(r.PURPOSE_MISMATCH, {"purposes": tuple(sorted(measure.purposes))})


def _rank(item: Match | NearMiss):
    end = item.measure.application_end
    return (-len(item.reasons), end is None, end or date.max, item.measure.key)
