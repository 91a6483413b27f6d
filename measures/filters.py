"""The finder's filters: parsed from the query string, applied in SQL, counted per value.

The finder page, the open-data API and the feeds share this code, so a filter
means the same everywhere. Status is computed from dates in Python; here the
same boundaries become WHERE clauses, so filtering never loads every page.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from search.service import matches

from .models import MeasureIndustry, MeasurePage, MeasurePurpose
from .rules.sme import INDUSTRY_LABELS
from .rules.status import MeasureStatus, local_today
from .rules.taxonomy import MeasureKind, ProviderLevel

ACCEPTING = "accepting"
ALL_STATUSES = "all"
STATUS_CHOICES = {
    ACCEPTING: _("受付中（締切間近・随時を含む）"),
    MeasureStatus.CLOSING_SOON.value: _("締切間近"),
    MeasureStatus.UPCOMING.value: _("募集前"),
    MeasureStatus.CLOSED.value: _("募集終了"),
    ALL_STATUSES: _("すべて"),
}
ACCEPTING_STATUSES = (MeasureStatus.OPEN, MeasureStatus.CLOSING_SOON, MeasureStatus.ROLLING)

SORT_DEADLINE = "deadline"
SORT_NEWEST = "newest"
SORT_NAME = "name"
SORT_CHOICES = {
    SORT_DEADLINE: _("締切が近い順"),
    SORT_NEWEST: _("新着順"),
    SORT_NAME: _("名前順"),
}

MAX_KEYWORD_TERMS = 5
MAX_EMPLOYEES_FILTER = 1_000_000
_TERM_SEPARATOR = re.compile(r"[\s\u3000]+")


def status_q(status: MeasureStatus, today: date, closing_soon_days: int) -> Q:
    """WHERE clause for measures in `status` on `today`; mirrors rules.status.compute_status."""
    started = Q(application_start__isnull=True) | Q(application_start__lte=today)
    not_ended = Q(application_end__isnull=True) | Q(application_end__gte=today)
    soon = today + timedelta(days=closing_soon_days)
    if status == MeasureStatus.CLOSED:
        return Q(application_end__lt=today)
    if status == MeasureStatus.UPCOMING:
        return Q(application_start__gt=today) & not_ended
    if status == MeasureStatus.ROLLING:
        return Q(application_end__isnull=True) & started
    if status == MeasureStatus.CLOSING_SOON:
        if closing_soon_days == 0:
            return Q(pk__in=[])
        return started & Q(application_end__gte=today, application_end__lte=soon)
    if status == MeasureStatus.OPEN:
        boundary = "application_end__gt" if closing_soon_days else "application_end__gte"
        return started & Q(**{boundary: soon if closing_soon_days else today})
    raise ValueError(f"unknown status: {status!r}")


def status_filter_q(value: str, today: date, closing_soon_days: int) -> Q:
    if value == ALL_STATUSES:
        return Q()
    if value == ACCEPTING:
        clause = Q(pk__in=[])
        for status in ACCEPTING_STATUSES:
            clause |= status_q(status, today, closing_soon_days)
        return clause
    return status_q(MeasureStatus(value), today, closing_soon_days)


def _choices(values, allowed) -> tuple[str, ...]:
    seen = []
    for value in values:
        if value in allowed and value not in seen:
            seen.append(value)
    return tuple(seen)


@dataclass(frozen=True)
class MeasureFilters:
    """What the owner asked for. Unknown values are dropped, never an error."""

    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    status: str = ACCEPTING
    employees: int | None = None
    keyword: str = ""
    sort: str = SORT_DEADLINE
    today: date = field(default_factory=local_today, compare=False)

    @classmethod
    def from_query(cls, data, *, default_status: str = ACCEPTING) -> "MeasureFilters":
        status = data.get("status") or default_status
        sort = data.get("sort") or SORT_DEADLINE
        purposes = tuple(
            dict.fromkeys(p.strip()[:80] for p in data.getlist("purpose") if p.strip())
        )
        return cls(
            kinds=_choices(data.getlist("kind"), MeasureKind.values),
            levels=_choices(data.getlist("level"), ProviderLevel.values),
            purposes=purposes[:20],
            industries=_choices(data.getlist("industry"), INDUSTRY_LABELS),
            status=status if status in STATUS_CHOICES else default_status,
            employees=_employees(data.get("employees")),
            keyword=" ".join(
                _TERM_SEPARATOR.split((data.get("q") or "").strip())[:MAX_KEYWORD_TERMS]
            )[:100],
            sort=sort if sort in SORT_CHOICES else SORT_DEADLINE,
        )

    @property
    def closing_soon_days(self) -> int:
        return settings.MEASURES_CLOSING_SOON_DAYS

    @property
    def is_narrowed(self) -> bool:
        """True when anything beyond the default status narrows the results."""
        return bool(
            self.kinds
            or self.levels
            or self.purposes
            or self.industries
            or self.employees is not None
            or self.keyword
            or self.status not in (ACCEPTING, ALL_STATUSES)
        )

    def apply(self, queryset: QuerySet, *, skip: str | None = None) -> QuerySet:
        """Narrow `queryset` by every filter except the facet named `skip`."""
        if skip != "kind" and self.kinds:
            queryset = queryset.filter(kind__in=self.kinds)
        if skip != "level" and self.levels:
            queryset = queryset.filter(provider_level__in=self.levels)
        if skip != "purpose" and self.purposes:
            queryset = queryset.filter(pk__in=_pages_with_purposes(self.purposes))
        if skip != "industry" and self.industries:
            queryset = queryset.filter(
                open_to_all_industries_q() | Q(pk__in=_pages_with_industries(self.industries))
            )
        if skip != "status":
            queryset = queryset.filter(
                status_filter_q(self.status, self.today, self.closing_soon_days)
            )
        if self.employees is not None:
            queryset = queryset.filter(
                Q(max_employees__isnull=True) | Q(max_employees__gte=self.employees)
            )
        if self.keyword:
            queryset = queryset.filter(pk__in=self.keyword_matches)
        return queryset

    @cached_property
    def keyword_matches(self) -> QuerySet:
        """Ids of the measures site search finds for the keyword (words, variants, synonyms).

        Built once: every facet count of a finder page filters by it.
        """
        return matches(self.keyword, MeasurePage.objects.all()).values("pk")

    def ordered(self, queryset: QuerySet) -> QuerySet:
        if self.sort == SORT_NEWEST:
            return queryset.order_by(F("first_published_at").desc(nulls_last=True), "title")
        if self.sort == SORT_NAME:
            return queryset.order_by("title", "pk")
        return queryset.order_by(F("application_end").asc(nulls_last=True), "title", "pk")

    def as_query(self, **changes) -> str:
        """The query string of these filters (with `changes`), defaults left out."""
        filters = replace(self, **changes) if changes else self
        pairs = [("q", filters.keyword)] if filters.keyword else []
        pairs += [("kind", v) for v in filters.kinds]
        pairs += [("purpose", v) for v in filters.purposes]
        pairs += [("level", v) for v in filters.levels]
        pairs += [("industry", v) for v in filters.industries]
        if filters.employees is not None:
            pairs.append(("employees", filters.employees))
        if filters.status != ACCEPTING:
            pairs.append(("status", filters.status))
        if filters.sort != SORT_DEADLINE:
            pairs.append(("sort", filters.sort))
        return urlencode(pairs)


def _employees(raw) -> int | None:
    if raw is None:
        return None
    raw = str(raw).strip()
    if not raw.isdigit():
        return None
    return min(int(raw), MAX_EMPLOYEES_FILTER)


def _pages_with_purposes(slugs):
    return MeasurePurpose.objects.filter(purpose__slug__in=slugs).values("page_id")


def _pages_with_industries(codes):
    return MeasureIndustry.objects.filter(code__in=codes).values("page_id")


def open_to_all_industries_q() -> Q:
    """Measures that name no industry are open to every industry.

    NOT EXISTS (an anti-join on the page_id index), not NOT IN over every industry row.
    """
    return ~Q(Exists(MeasureIndustry.objects.filter(page_id=OuterRef("pk"))))


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(filters: MeasureFilters, base: QuerySet, purposes) -> dict:
    """Counts per value of each facet, each with every other filter applied.

    A fixed number of queries whatever the number of measures: one GROUP BY per
    facet, one more for all-industry measures, one aggregate for the statuses.
    `purposes` is [(slug, label)] in display order.
    """

    def grouped(queryset, column):
        return dict(queryset.values_list(column).annotate(n=Count("pk")).order_by())

    kinds = grouped(filters.apply(base, skip="kind"), "kind")
    levels = grouped(filters.apply(base, skip="level"), "provider_level")
    purpose_pages = filters.apply(base, skip="purpose").values("pk")
    purpose_counts = dict(
        MeasurePurpose.objects.filter(page_id__in=purpose_pages)
        .values_list("purpose__slug")
        .annotate(n=Count("page_id", distinct=True))
        .order_by()
    )
    industry_base = filters.apply(base, skip="industry")
    industry_counts = dict(
        MeasureIndustry.objects.filter(page_id__in=industry_base.values("pk"))
        .values_list("code")
        .annotate(n=Count("page_id", distinct=True))
        .order_by()
    )
    open_to_all = industry_base.filter(open_to_all_industries_q()).count()
    status_base = filters.apply(base, skip="status")
    status_counts = status_base.aggregate(
        **{
            value: Count(
                "pk", filter=status_filter_q(value, filters.today, filters.closing_soon_days)
            )
            for value in STATUS_CHOICES
        }
    )

    def values(choices, counts, selected):
        return [
            FacetValue(value, str(label), counts.get(value, 0), value in selected)
            for value, label in choices
        ]

    return {
        "kind": values(MeasureKind.choices, kinds, filters.kinds),
        "purpose": values(purposes, purpose_counts, filters.purposes),
        "level": values(ProviderLevel.choices, levels, filters.levels),
        "industry": [
            FacetValue(
                code,
                str(label),
                industry_counts.get(code, 0) + open_to_all,
                code in filters.industries,
            )
            for code, label in INDUSTRY_LABELS.items()
        ],
        "status": values(STATUS_CHOICES.items(), status_counts, (filters.status,)),
    }


# The finder's facet parameters that a shared page cache may key on. Free text
# (q) and the employee count are left out: those URLs are rendered every time.
CACHEABLE_PARAMS = {
    "status": set(STATUS_CHOICES),
    "sort": set(SORT_CHOICES),
    "kind": set(MeasureKind.values),
    "level": set(ProviderLevel.values),
    "industry": set(INDUSTRY_LABELS),
    "purpose": None,  # a slug; checked by shape below
    "page": None,
}
_CACHEABLE_SLUG = re.compile(r"^[\w-]{1,80}$")
_CACHEABLE_PAGE = re.compile(r"^[1-9][0-9]{0,3}$")
MAX_CACHEABLE_VALUES = 8


def is_cacheable_query(data) -> bool:
    """True when a finder query string holds only known facet values (few of them)."""
    count = 0
    for name in data:
        if name not in CACHEABLE_PARAMS:
            return False
        for value in data.getlist(name):
            count += 1
            allowed = CACHEABLE_PARAMS[name]
            if allowed is not None:
                ok = value in allowed
            elif name == "page":
                ok = bool(_CACHEABLE_PAGE.match(value))
            else:
                ok = bool(_CACHEABLE_SLUG.match(value))
            if not ok or count > MAX_CACHEABLE_VALUES:
                return False
    return True
