"""The base of every public form: error messages never echo what was sent.

Django's choice fields say "Select a valid choice. <value> is not one of the available
choices.", quoting the whole value sent: a megabyte, bidi overrides, escape characters,
whatever a crafted request holds, back into the page. A public form answers with one
generic message instead.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

INVALID_CHOICE = _("選択肢の中から選んでください。")

# Django's messages that quote the value sent (choice fields, model choice fields).
_ECHOING_MESSAGES = ("invalid_choice", "invalid_list", "invalid_pk_value")


class PublicForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for code in _ECHOING_MESSAGES:
                if code in field.error_messages:
                    field.error_messages[code] = INVALID_CHOICE
