"""The two document rules, shared by the upload form and the model's pre_save backstop."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import scan

MARKER_MESSAGE = _(
    "このファイルは相談受付の機密記録（職員用の書き出し）です。"
    "個人情報を含むため、文書としてアップロードできません。"
)
UNSCANNABLE_MESSAGE = _(
    "このファイルは中身を確認できないため、アップロードできません"
    "（展開後のサイズが大きすぎる、暗号化されている、または壊れています）。"
)


class ConfidentialDocumentError(ValidationError):
    """Raised by the save path when a file carries the export marker or an export's heading
    row (scan.ExportHeaderFound, a MarkerFound), or cannot be checked."""


def refuse_confidential(fileobj) -> None:
    """Raise ConfidentialDocumentError for a marked or unscannable file; rewinds it."""
    try:
        scan.check(fileobj)
    except scan.MarkerFound:
        raise ConfidentialDocumentError(MARKER_MESSAGE, code="confidential_export") from None
    except scan.Unscannable:
        raise ConfidentialDocumentError(UNSCANNABLE_MESSAGE, code="unscannable") from None
