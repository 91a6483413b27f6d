"""Forms of the intake console."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.consultation import CONSULTATION_KIND_CHOICES, NOTES_MAX_LENGTH, TROUBLE_CHOICES


class ConsultationRecordForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("相談区分"), choices=CONSULTATION_KIND_CHOICES, widget=forms.RadioSelect
    )
    troubles = forms.MultipleChoiceField(
        label=_("お困りごとの種類"),
        choices=TROUBLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("当てはまるものをすべて選んでください。"),
    )
    notes = forms.CharField(
        label=_("相談の記録"),
        max_length=NOTES_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "相談の要点と次の対応を書いてください。口座番号やマイナンバーなど、"
            "記録に不要な情報は書かないでください。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its inputs (the template gives it this id).
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            ids = [attrs.get("aria-describedby", ""), f"id_{name}_error"]
            attrs["aria-describedby"] = " ".join(filter(None, ids))
            attrs["aria-invalid"] = "true"


class CancelBookingForm(forms.Form):
    confirm = forms.BooleanField(label=_("この予約をキャンセルし、席を空けます"), required=True)
