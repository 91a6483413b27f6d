"""The statistics page and its CSV: categories only, small cells suppressed."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from intake import access, audit, reporting
from intake.csv_safe import stream_csv
from intake.suppression import suppressed_label
from schedule.planning.dates import format_month
from schedule.planning.tz import TOKYO

from .views import _lang, _require, console_view

EARLIEST_FISCAL_YEAR = 2020


def _fiscal_year(request) -> int:
    current = reporting.fiscal_year_of(timezone.now().astimezone(TOKYO).date())
    try:
        year = int(request.GET.get("fy", current))
    except ValueError:
        return current
    return year if EARLIEST_FISCAL_YEAR <= year <= current + 1 else current


def _cell(value) -> str:
    return str(suppressed_label()) if value is None else str(value)


@console_view
def stats(request):
    _require(request, access.VIEW_STATS)
    year = _fiscal_year(request)
    lang = _lang()
    tables = reporting.consultation_tables(year)
    audit.record(
        audit.Action.VIEW_STATS, request=request, object_type="stats", object_ref=year, count=0
    )
    current = reporting.fiscal_year_of(timezone.now().astimezone(TOKYO).date())
    return TemplateResponse(
        request,
        "intake/console/stats.html",
        {
            "year": year,
            "years": list(range(current + 1, EARLIEST_FISCAL_YEAR - 1, -1)),
            "tables": [
                {
                    "table": t,
                    "rows": [
                        (format_month(y, m, lang), [_cell(v) for v in cells], _cell(total))
                        for (y, m), cells, total in t.rows()
                    ],
                    "column_totals": [_cell(t.column_totals[c]) for c, _l in t.columns],
                    "total": _cell(t.total),
                }
                for t in tables
            ],
            "suppressed": suppressed_label(),
        },
    )


def stats_rows(tables, lang):
    for table in tables:
        for (year, month), cells, total in table.rows():
            for (_code, label), value in zip(table.columns, cells, strict=True):
                yield [table.title, format_month(year, month, lang), label, _cell(value)]
            yield [table.title, format_month(year, month, lang), _("合計"), _cell(total)]
        for code, label in table.columns:
            yield [table.title, _("年度計"), label, _cell(table.column_totals[code])]
        yield [table.title, _("年度計"), _("合計"), _cell(table.total)]


def header() -> list[str]:
    """The heading row of the statistics CSV (intake.export_marker.export_header_rows reads it)."""
    return [_("集計"), _("月"), _("区分"), _("件数")]


@console_view
def stats_export(request):
    _require(request, access.VIEW_STATS)
    year = _fiscal_year(request)
    tables = reporting.consultation_tables(year)
    audit.record(
        audit.Action.EXPORT_STATS,
        request=request,
        object_type="stats",
        object_ref=year,
        count=0,
        detail={"format": "csv"},
    )
    response = StreamingHttpResponse(
        stream_csv(stats_rows(tables, _lang()), header()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="intake-stats-fy{year}.csv"'
    return response
