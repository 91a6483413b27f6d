"""The public booking form.

Each personal field is validated by the pure validators in
``intake.validation`` (text, phone, email) and returned normalised. Lengths
are checked there too, so the message says the limit and the current count;
the ``maxlength`` attributes only help browsers.
"""

from django import forms
from django.core.validators import EmailValidator, ProhibitNullCharactersValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import PublicForm

from .choices import (
    EMPLOYEE_BAND_CHOICES,
    INDUSTRY_CHOICES,
    SALES_DECLINE_CHOICES,
    SUBSIDY_STATUS_CHOICES,
    TOPIC_CHOICES,
    WARD_CHOICES,
)
from .validation.email import emails_match, normalize_email
from .validation.phone import parse_phone
from .validation.text import (
    MESSAGES as TEXT_MESSAGES,
)
from .validation.text import (
    check_free_text,
    check_furigana,
    check_name,
    check_single_line,
    without_forbidden,
)

BUSINESS_NAME_MAX = 100
CONTACT_NAME_MAX = 50
CONSULTATION_MAX = 800
EMAIL_MAX = 254

BLANK_CHOICE = [("", _("選択してください"))]

# The honeypot's name looks like a field bots love to fill.
HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret


class TextField(forms.CharField):
    """A CharField that reports control characters (NUL included) with the text rules'
    message, before "required" can misread them, and never shows them back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Its "null characters" message would duplicate the control-character one.
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        if isinstance(value, str) and without_forbidden(value) != value:
            raise forms.ValidationError(
                TEXT_MESSAGES["control_character"], code="control_character"
            )
        return super().to_python(value)

    def bound_data(self, data, initial):
        data = super().bound_data(data, initial)
        return without_forbidden(data) if isinstance(data, str) else data


class DescribedGroupBoundField(forms.BoundField):
    """A checkbox group whose every box also points at the group's help text and error.

    Django puts aria-describedby on the <fieldset> only, which screen readers do not
    all announce when a checkbox inside takes focus; the boxes carry aria-invalid.
    """

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if not attrs.get("aria-describedby") and (described_by := self.aria_describedby):
            attrs["aria-describedby"] = described_by
        return attrs


def _text(label, max_len, autocomplete, **kwargs):
    return TextField(
        label=label,
        widget=forms.TextInput(attrs={"maxlength": max_len, "autocomplete": autocomplete}),
        strip=True,
        **kwargs,
    )


def _select(label, choices):
    return forms.ChoiceField(label=label, choices=BLANK_CHOICE + list(choices))


class BookingForm(PublicForm):
    business_name = _text(_("事業者名"), BUSINESS_NAME_MAX, "organization")
    contact_name = _text(_("担当者名"), CONTACT_NAME_MAX, "name")
    contact_name_kana = _text(
        _("担当者名（フリガナ）"), CONTACT_NAME_MAX, "off", help_text=_("例: ワカバ タロウ")
    )
    phone = TextField(
        label=_("電話番号"),
        help_text=_("日中に連絡のつく番号。例: 090-1234-5678"),
        widget=forms.TextInput(
            attrs={"type": "tel", "maxlength": 20, "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    # A CharField, validated after full-width folding (IMEs type ＠ and ｊｐ).
    email = TextField(
        label=_("メールアドレス"),
        help_text=_("予約の確認メールとキャンセル用のリンクを送ります。"),
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    email_confirm = TextField(
        label=_("メールアドレス（確認）"),
        help_text=_("確認のため、もう一度入力してください。"),
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    ward = _select(_("事業所の所在地（行政区）"), WARD_CHOICES)
    industry = _select(_("業種"), INDUSTRY_CHOICES)
    employee_band = _select(_("従業員数"), EMPLOYEE_BAND_CHOICES)
    sales_decline_band = _select(_("売上減少の程度"), SALES_DECLINE_CHOICES)
    subsidy_status = _select(_("補助金・融資の申請状況"), SUBSIDY_STATUS_CHOICES)
    topics = forms.MultipleChoiceField(
        label=_("相談したい内容のトピック"),
        help_text=_("あてはまるものをすべて選んでください。"),
        choices=TOPIC_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        bound_field_class=DescribedGroupBoundField,
    )
    consultation = TextField(
        label=_("相談したい内容"),
        required=False,
        help_text=format_lazy(
            _(
                "任意。相談に必要なことだけを{limit}文字以内で書いてください。"
                "口座番号、マイナンバー、パスワードなど、相談に必要のない情報は書かないでください。"
            ),
            limit=CONSULTATION_MAX,
        ),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CONSULTATION_MAX}),
        strip=True,
    )
    consent = forms.BooleanField(label=_("個人情報の取り扱いに同意します"))
    # Hidden from people (CSS and aria-hidden); bots fill it.
    website = forms.CharField(
        label=_("このフィールドは空欄のままにしてください"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput)

    def clean_business_name(self):
        return check_name(self.cleaned_data["business_name"], BUSINESS_NAME_MAX)

    def clean_contact_name(self):
        return check_name(self.cleaned_data["contact_name"], CONTACT_NAME_MAX)

    def clean_contact_name_kana(self):
        return check_furigana(
            check_name(self.cleaned_data["contact_name_kana"], CONTACT_NAME_MAX),
            CONTACT_NAME_MAX,
        )

    def clean_phone(self):
        value = check_single_line(self.cleaned_data["phone"], 40)
        return parse_phone(value).formatted

    def clean_email(self):
        value = normalize_email(check_single_line(self.cleaned_data["email"], EMAIL_MAX))
        EmailValidator(message=_("メールアドレスの形式が正しくありません。"))(value)
        return value

    def clean_email_confirm(self):
        return check_single_line(self.cleaned_data["email_confirm"], EMAIL_MAX)

    def clean_consultation(self):
        return check_free_text(self.cleaned_data["consultation"], CONSULTATION_MAX)

    def clean(self):
        cleaned = super().clean()
        email, confirm = cleaned.get("email"), cleaned.get("email_confirm")
        if email and confirm and not emails_match(email, confirm):
            self.add_error(
                "email_confirm",
                forms.ValidationError(
                    _("メールアドレスが一致しません。同じアドレスを入力してください。"),
                    code="email_mismatch",
                ),
            )
        return cleaned

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def personal_data(self) -> dict:
        c = self.cleaned_data
        return {
            "business_name": c["business_name"],
            "contact_name": c["contact_name"],
            "contact_name_kana": c["contact_name_kana"],
            "phone": c["phone"],
            "email": c["email"],
            "consultation": c["consultation"],
        }

    def categories(self) -> dict:
        c = self.cleaned_data
        return {
            "ward": c["ward"],
            "industry": c["industry"],
            "employee_band": c["employee_band"],
            "sales_decline_band": c["sales_decline_band"],
            "subsidy_status": c["subsidy_status"],
            "topics": list(c["topics"]),
        }
