"""A permission without a table: who may publish spreadsheets (様式) on the public site."""

from django.db import models

PUBLISH_SPREADSHEET = "portal_documents.publish_spreadsheet_document"


class DocumentPolicy(models.Model):
    """Holds the custom permission only (unmanaged: no database table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("publish_spreadsheet_document", "表計算ファイル（様式など）を公開できる"),
        ]

    def __str__(self):
        return "document policy"
