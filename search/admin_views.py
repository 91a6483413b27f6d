"""Staff tier views of site search (Wagtail admin), registered in search.wagtail_hooks.

* The search-queries report: what owners searched for, what found nothing, and what they
  found but did not open.
* The everyday-words dictionary's CSV import and export (below).
"""

import csv
import io
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Sum
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages

from core.csv_safe import stream_rows

from .dictionary import csv_format, sync
from .models import SearchQueryStat

REPORT_PERMISSION = "portal_search.view_searchquerystat"
PERIODS = (7, 30, 90)
ROWS = 100
# "Low-click": searched at least this often with results, and a result opened
# in fewer than one search in LOW_CLICK_RATIO.
LOW_CLICK_MIN_SEARCHES = 3
LOW_CLICK_RATIO = 5


def search_queries_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    if days not in PERIODS:
        days = 30
    since = timezone.localdate() - timedelta(days=days - 1)
    stats = (
        SearchQueryStat.objects.filter(day__gte=since)
        .values("query")
        .annotate(searches=Sum("count"), zero=Sum("zero_result_count"), clicks=Sum("click_count"))
        .annotate(answered=F("searches") - F("zero"))
    )
    totals = SearchQueryStat.objects.filter(day__gte=since).aggregate(
        searches=Sum("count"), zero=Sum("zero_result_count"), clicks=Sum("click_count")
    )
    low_click = stats.filter(
        answered__gte=LOW_CLICK_MIN_SEARCHES, answered__gt=F("clicks") * LOW_CLICK_RATIO
    ).order_by("-answered", "clicks", "query")
    context = {
        "page_title": _("検索語の集計"),
        "days": days,
        "periods": PERIODS,
        "top": list(stats.order_by("-searches", "query")[:ROWS]),
        "zero": list(stats.filter(zero__gt=0).order_by("-zero", "query")[:ROWS]),
        "total_searches": totals["searches"] or 0,
        "total_zero": totals["zero"] or 0,
        "total_clicks": totals["clicks"] or 0,
        "low_click": list(low_click[:ROWS]),
        "low_click_min": LOW_CLICK_MIN_SEARCHES,
        "low_click_percent": 100 // LOW_CLICK_RATIO,
    }
    return render(request, "search/admin/search_queries_report.html", context)


# The everyday-words dictionary: CSV import and export -----------------------------------
#
# Both views hang off the SynonymGroup snippet's URLs (search.wagtail_hooks), so they
# live only in the staff tier's admin. Export needs the view permission; import needs
# add and change (and delete, when rows missing from the file are to be removed).
#
# Import is two steps: a dry run shows what would be added, changed and deleted and
# writes nothing; the staff member then confirms, and the same text (carried in the
# form, parsed and checked again) is applied in one transaction. A file that cannot be
# read, lacks a column, has an empty or unusable word or a duplicate rule is refused
# whole with a 400 and the line number.
#
# The export is formula-safe (core.csv_safe) but carries no confidentiality marker: the
# dictionary holds no consultation records, and staff may share it (docs/search.md).

VIEW_PERMISSION = "portal_search.view_synonymgroup"
IMPORT_PERMISSIONS = ("portal_search.add_synonymgroup", "portal_search.change_synonymgroup")
DELETE_PERMISSION = "portal_search.delete_synonymgroup"


def can_export(user) -> bool:
    return user.has_perm(VIEW_PERMISSION) or user.has_perm("portal_search.change_synonymgroup")


def can_import(user) -> bool:
    return user.has_perms(IMPORT_PERMISSIONS)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSVファイル"),
        required=False,
        help_text=gettext_lazy(
            "見出し行は「方向,語,メモ」。方向は「一方向」か「双方向」、語は読点（、）で区切り、"
            "一方向ではお客さまの言葉を先に書きます。文字コードはUTF-8"
            "（Excelでは「CSV UTF-8」で保存）。書き出したファイルをそのまま読み込めます。"
        ),
    )
    delete_missing = forms.BooleanField(
        label=gettext_lazy("ファイルにない規則を削除する"),
        required=False,
        help_text=gettext_lazy(
            "チェックすると、辞書をファイルの内容に置き換えます。"
            "チェックしなければ、追加と変更だけをします。"
        ),
    )
    content = forms.CharField(required=False, widget=forms.HiddenInput)


def import_view(request, *, index_url_name: str, export_url_name: str):
    if not can_import(request.user):
        raise PermissionDenied
    context = {
        "page_title": _("検索の辞書をCSVで取り込む"),
        "index_url_name": index_url_name,
        "export_url_name": export_url_name,
    }
    if request.method != "POST":
        return render(
            request, "search/admin/dictionary_import.html", {**context, "form": ImportForm()}
        )
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "search/admin/dictionary_import.html", context, status=400)
    delete_missing = form.cleaned_data["delete_missing"]
    if delete_missing and not request.user.has_perm(DELETE_PERMISSION):
        raise PermissionDenied
    upload, content = form.cleaned_data["file"], form.cleaned_data["content"]
    confirm = request.POST.get("action") == "import"
    try:
        if upload is not None:
            rules = csv_format.parse(upload.read())
            text = upload_text(rules)
        elif confirm and content:
            rules = csv_format.parse_text(content)
            text = content
        else:
            raise csv_format.DictionaryFileError(_("CSVファイルを選んでください。"))
    except csv_format.DictionaryFileError as error:
        context["error"] = error.display()
        return render(request, "search/admin/dictionary_import.html", context, status=400)
    if confirm and upload is None:
        with transaction.atomic():  # the plan is made and applied against the same rows
            plan = sync.plan(rules, delete_missing=delete_missing)
            sync.apply(plan)
        messages.success(
            request,
            _("辞書を取り込みました（追加 %(added)d、変更 %(changed)d、削除 %(deleted)d）。")
            % {
                "added": len(plan.added),
                "changed": len(plan.changed),
                "deleted": len(plan.deleted),
            },
        )
        return redirect(index_url_name)
    plan = sync.plan(rules, delete_missing=delete_missing)
    confirm_form = ImportForm(initial={"content": text, "delete_missing": delete_missing})
    context.update({"plan": plan, "confirm_form": confirm_form, "form": ImportForm()})
    return render(request, "search/admin/dictionary_import.html", context)


def upload_text(rules) -> str:
    """The parsed rules as CSV text, carried by the confirmation form (re-parsed on confirm)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_format.header())
    for rule in rules:
        writer.writerow(csv_format.row(rule))
    return buffer.getvalue()


def export_view(request):
    if not can_export(request.user):
        raise PermissionDenied
    rows = (csv_format.row(rule) for rule in sync.export_rules())
    response = StreamingHttpResponse(
        stream_rows(rows, csv_format.header()), content_type="text/csv; charset=utf-8"
    )
    name = f"search-dictionary-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
