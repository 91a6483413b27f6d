"""Staff forms: a single session (the snippet editor), a series, a cancellation."""

import re
from datetime import date, time

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from schedule.models import CONSULTANT_GROUP, ConsultantKind, TouringSession, Venue
from schedule.planning.dates import WEEKDAYS, language
from schedule.scheduling import display_name, session_conflicts

BREAK = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-〜~–]\s*(\d{1,2}:\d{2})\s*$")


class BreaksField(forms.CharField):
    """Breaks typed as "12:00-13:00, 15:00-15:15"; cleaned to [["12:00", "13:00"], ...]."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("休憩"))
        kwargs.setdefault("help_text", _("例: 12:00-13:00（複数はカンマ区切り）"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(f"{a}-{b}" for a, b in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        breaks = []
        for part in filter(None, (p.strip() for p in re.split(r"[,、，\n]", text))):
            match = BREAK.match(part)
            if not match:
                raise forms.ValidationError(
                    _("休憩は「12:00-13:00」の形で入力してください: %(value)s"),
                    params={"value": part},
                )
            try:
                start, end = (time.fromisoformat(t.zfill(5)) for t in match.groups())
            except ValueError:
                raise forms.ValidationError(
                    _("休憩の時刻が正しくありません: %(value)s"), params={"value": part}
                ) from None
            breaks.append([start.strftime("%H:%M"), end.strftime("%H:%M")])
        return breaks


class KindsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("相談員の種別"))
        super().__init__(
            choices=ConsultantKind.choices, widget=forms.CheckboxSelectMultiple, **kwargs
        )


def consultant_queryset():
    """Staff accounts with the 相談員 role; all staff until that role exists."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    if Group.objects.filter(name=CONSULTANT_GROUP).exists():
        users = users.filter(groups__name=CONSULTANT_GROUP)
    return users.order_by("last_name", "first_name", "username")


def source_venues():
    return Venue.objects.filter(locale=Locale.get_default()).order_by("ward", "name")


class ConsultantsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("担当相談員"))
        kwargs.setdefault("required", False)
        super().__init__(
            queryset=consultant_queryset(), widget=forms.CheckboxSelectMultiple, **kwargs
        )

    def label_from_instance(self, obj):
        return display_name(obj)


class TouringSessionForm(WagtailAdminModelForm):
    """The snippet editor: refuses a session that clashes with another (room or consultant)."""

    breaks = BreaksField()
    consultant_kinds = KindsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = source_venues()
        self.fields["consultants"] = ConsultantsField(initial=self.initial.get("consultants"))

    def _post_clean(self):
        super()._post_clean()
        if self._errors:
            return
        consultants = self.cleaned_data.get("consultants") or []
        for message in session_conflicts(self.instance, [u.pk for u in consultants]):
            self.add_error(None, message)


def weekday_choices() -> list[tuple[int, str]]:
    """Weekday names in the admin user's language, read when the form renders."""
    try:
        lang = language(get_language())
    except ValueError:
        lang = "ja"
    return list(enumerate(WEEKDAYS[lang]))


class SeriesForm(forms.Form):
    venue = forms.ModelChoiceField(label=_("会場"), queryset=Venue.objects.none())
    room = forms.CharField(
        label=_("部屋"), required=False, help_text=_("空欄なら会場の既定の部屋です。")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("曜日"), choices=weekday_choices, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    first = forms.DateField(label=_("開始日"), widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=_("終了日"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("開始時刻"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("終了時刻"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    slot_minutes = forms.IntegerField(label=_("1枠の長さ（分）"), min_value=5, initial=45)
    booths = forms.IntegerField(label=_("ブース数"), min_value=1, max_value=20, initial=1)
    breaks = BreaksField()
    consultant_kinds = KindsField()
    consultants = forms.ModelMultipleChoiceField(queryset=get_user_model().objects.none())
    closed_dates = forms.CharField(
        label=_("休止日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("祝日のほかに開催しない日。1行に1日、例: 2027-02-10"),
    )
    cutoff_days_before = forms.IntegerField(label=_("予約締切（何日前）"), min_value=0, initial=1)
    cutoff_time = forms.TimeField(
        label=_("予約締切の時刻"),
        initial=time(17, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    public_note = forms.CharField(
        label=_("お知らせ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = source_venues()
        self.fields["consultants"] = ConsultantsField()

    def clean_closed_dates(self):
        days = []
        for line in filter(None, (x.strip() for x in self.cleaned_data["closed_dates"].split())):
            try:
                days.append(date.fromisoformat(line))
            except ValueError:
                raise forms.ValidationError(
                    _("休止日の日付が正しくありません: %(value)s"), params={"value": line}
                ) from None
        return days

    def session_for(self, day) -> TouringSession:
        """An unsaved session of the series on ``day``."""
        data = self.cleaned_data
        return TouringSession(
            venue=data["venue"],
            room=data["room"],
            date=day,
            start_time=data["start_time"],
            end_time=data["end_time"],
            slot_minutes=data["slot_minutes"],
            booths=data["booths"],
            breaks=data["breaks"],
            consultant_kinds=data["consultant_kinds"],
            cutoff_days_before=data["cutoff_days_before"],
            cutoff_time=data["cutoff_time"],
            public_note=data["public_note"],
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("中止の理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("公開ページに表示されます。個人名などは書かないでください。"),
    )


class DaySheetForm(forms.Form):
    venue = forms.ModelChoiceField(label=_("会場"), queryset=Venue.objects.none())
    day = forms.DateField(label=_("日付"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = source_venues()
