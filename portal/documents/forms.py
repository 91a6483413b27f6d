"""The document form of the Wagtail admin (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Used by the single upload, the edit view and the multiple uploader alike:
- a file carrying the intake export marker or an export's heading row (or one
  that cannot be checked) is refused with one error on the file field, and only
  that one (see _post_clean);
- a spreadsheet or CSV placed in a public collection goes to the private
  collection instead, unless the user holds publish_spreadsheet_document and
  ticks 「公開する様式です」. The success message then says where it went.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

from . import policy
from .checks import refuse_confidential
from .models import PUBLISH_SPREADSHEET


class PortalDocumentForm(BaseDocumentForm):
    publish_spreadsheet = forms.BooleanField(
        required=False,
        label=_("公開する様式です"),
        help_text=_(
            "表計算ファイル（xlsx、xls、ods、csv、tsv）は、ここにチェックを入れない限り"
            "「非公開（職員のみ）」コレクションに入ります。市民に配る様式だけチェックしてください。"
        ),
    )

    def __init__(self, *args, **kwargs):
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if self.user is None or not self.user.has_perm(PUBLISH_SPREADSHEET):
            del self.fields["publish_spreadsheet"]
        if "collection" in self.fields:
            self.fields["collection"].help_text = _(
                "表計算ファイルとCSVは、公開の権限がなければ「非公開（職員のみ）」に入ります。"
                "相談受付の書き出しファイルはアップロードできません。"
            )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            refuse_confidential(uploaded)
            self.instance._portal_checked_file = uploaded
        return uploaded

    def _post_clean(self):
        # When the file field has failed (a refused export, an empty file), the
        # instance keeps no file, and Wagtail's AbstractDocument.clean() would add
        # a second, wrong error for its empty name: 「ファイル拡張子 “” は許可されて
        # いません」. The field's own error is the one to show.
        failed = self._errors.get("file") if self._errors else None
        kept = len(failed) if failed else 0
        super()._post_clean()
        if kept:
            del self._errors["file"][kept:]

    def clean(self):
        cleaned = super().clean()
        collection = cleaned.get("collection")
        uploaded = cleaned.get("file") or self.instance.file
        name = getattr(uploaded, "name", None)
        is_new_placement = (
            self.instance.pk is None
            or "file" in self.changed_data
            or "collection" in self.changed_data
        )
        if not (is_new_placement and policy.is_spreadsheet(name) and collection is not None):
            return cleaned
        if policy.is_private(collection):
            return cleaned
        may_publish = self.user is not None and self.user.has_perm(PUBLISH_SPREADSHEET)
        if cleaned.get("publish_spreadsheet") and may_publish:
            self.instance._portal_publish_spreadsheet = True
            return cleaned
        cleaned["collection"] = policy.private_collection()
        self.instance._portal_made_private = True
        return cleaned
