"""Staff import in the Wagtail admin: upload -> preview (what changes, what is wrong) -> confirm.

The confirm step carries the file's text back in a signed hidden field, so nothing
is stored between the two requests; the text is parsed and checked again.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importing import ImportValidationError, parse_csv, parse_jsonl
from .importing.writer import (
    CREATE,
    UNCHANGED,
    UPDATE,
    ImportWriteError,
    NoIndexPage,
    import_records,
    plan,
)

PERMISSION = "measures.add_measurepage"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The salt keeps the module's former name, so a preview signed before the rename still confirms.
SIGNING_SALT = "measures.admin_import"
ACTION_LABELS = {CREATE: _("作成"), UPDATE: _("更新"), UNCHANGED: _("変更なし")}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("取込ファイル"),
        help_text=_("JSON Lines（.jsonl）か CSV（.csv、UTF-8）。最大5MBです。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".jsonl", ".ndjson", ".csv")):
            raise forms.ValidationError(
                _("対応していないファイル形式です（.jsonl か .csv にしてください）")
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("ファイルが大きすぎます（5MBまで）。"))
        return upload


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    publish = forms.BooleanField(label=_("取り込んだ支援策を公開する"), required=False)


def parse(name: str, data: bytes):
    reader = parse_csv if name.lower().endswith(".csv") else parse_jsonl
    return reader(data)


class ImportView(WagtailAdminTemplateMixin, View):
    template_name = "measures/admin/import.html"
    page_title = _("支援策の取込")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, **context):
        return TemplateResponse(request, self.template_name, self.get_context_data(**context))

    def get(self, request):
        return self.render(request, form=UploadForm())

    def post(self, request):
        if "payload" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            records = parse(upload.name, data)
        except ImportValidationError as exc:
            return self.render(request, form=UploadForm(), errors=exc.errors, filename=upload.name)
        payload = signing.dumps(
            {"name": upload.name, "text": data.decode("utf-8-sig")},
            salt=SIGNING_SALT,
            compress=True,
        )
        rows = [(row, ACTION_LABELS[row.action]) for row in plan(records)]
        return self.render(
            request,
            rows=rows,
            filename=upload.name,
            confirm_form=ConfirmForm(initial={"payload": payload}),
            counts={
                label: sum(1 for _row, shown in rows if shown == label)
                for label in ACTION_LABELS.values()
            },
        )

    def confirm(self, request):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return redirect("measures_import")
        try:
            content = signing.loads(form.cleaned_data["payload"], salt=SIGNING_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(
                request, _("確認の有効期限が切れました。もう一度アップロードしてください。")
            )
            return redirect("measures_import")
        try:
            records = parse(content["name"], content["text"])
            report = import_records(
                records, publish=form.cleaned_data["publish"], user=request.user
            )
        except ImportValidationError as exc:
            return self.render(
                request, form=UploadForm(), errors=exc.errors, filename=content["name"]
            )
        except (ImportWriteError, NoIndexPage) as exc:
            messages.error(
                request,
                _("保存できなかったため、何も取り込みませんでした: %(error)s") % {"error": exc},
            )
            return redirect("measures_import")
        messages.success(
            request,
            _("取り込みました: 作成 %(created)s件、更新 %(updated)s件、変更なし %(unchanged)s件。")
            % {
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
            },
        )
        return redirect("measures_import")
