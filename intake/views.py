"""The public booking journey: form, confirmation, cancellation.

Every response here is ``Cache-Control: no-store`` (a form with typed
values, a reference, a cancellation page) and ``X-Robots-Tag: noindex``.
Nothing typed is logged, put in a URL, or shown back except in the form
itself while it is being corrected.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from core.i18n import localized_path
from schedule.models import Slot
from schedule.planning.cutoff import CLOSED_REASON_LABELS

from . import booking, cancellation, emails, formtoken, tier_keys
from .forms import TOKEN_FIELD, BookingForm
from .models import Reservation
from .presentation import next_free_slots, summarise
from .pseudonyms import email_key
from .references import InvalidReferenceError, normalize_reference

MESSAGES = {
    "expired": _(
        "入力画面を開いてから時間がたったため、受け付けられませんでした。"
        "内容を確認して、もう一度送信してください。"
    ),
    "too_fast": _("送信が早すぎます。入力内容を確認して、もう一度送信してください。"),
    "email_limit": _(
        "このメールアドレスでは、これ以上予約できません（今後の予約は%(limit)d件まで）。"
        "予約を変更する場合は、確認メールのリンクからキャンセルしてください。"
    ),
    "storage_failed": _(
        "予約を保存できませんでした。予約はまだ完了していません。"
        "しばらくしてから、もう一度送信してください。"
    ),
}


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _trail():
    return [(_("巡回相談の日程・予約"), localized_path("/schedule/")), (_("予約"), None)]


def _render(request, template, context, status=200):
    context = {"trail": _trail(), **context}
    return _no_index(render(request, template, context, status=status))


def _limited(request, group: str, rate: str, key="ip") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method=ALL, increment=True)


def _refuse(request, status: int, title, message):
    return _render(
        request, "intake/refused.html", {"title": title, "message": message}, status=status
    )


def _rate_limited(request):
    return _refuse(
        request,
        429,
        _("しばらくしてからお試しください"),
        _("短い時間に多くの送信がありました。しばらくしてから、もう一度お試しください。"),
    )


def _unavailable(request, slot, reason, status, *, submitted):
    return _render(
        request,
        "intake/book_unavailable.html",
        {
            # Only a refused submission needs "your booking is not complete".
            "submitted": submitted,
            "summary": summarise(slot),
            "reason": reason,
            "reason_label": CLOSED_REASON_LABELS.get(reason, ""),
            "next_slots": next_free_slots(after=slot),
        },
        status=status,
    )


def _form_page(request, slot, form, status=200):
    return _render(
        request,
        "intake/book_form.html",
        {"form": form, "summary": summarise(slot), "slot": slot},
        status=status,
    )


def _fresh_token(form, slot, idempotency_key=None):
    """Re-issue the hidden token on a re-rendered form (typed values stay)."""
    data = form.data.copy()
    data[TOKEN_FIELD] = formtoken.issue(slot.pk, idempotency_key)
    form.data = data
    return form


def _done_redirect(reservation):
    return redirect(reverse("intake:done", kwargs={"reference": reservation.reference}))


@never_cache
@require_http_methods(["GET", "POST"])
def book(request, slot_id):
    slot = get_object_or_404(Slot.objects.select_related("session__venue"), pk=slot_id)
    if request.method == "POST":
        return _submit(request, slot)
    verdict = slot.bookability()
    if not verdict.bookable:
        return _unavailable(request, slot, verdict.reason, status=200, submitted=False)
    form = BookingForm(initial={TOKEN_FIELD: formtoken.issue(slot.pk)})
    return _form_page(request, slot, form)


def _submit(request, slot):
    if _limited(request, "intake.book.ip", settings.INTAKE_RATELIMIT_IP):
        return _rate_limited(request)
    form = BookingForm(request.POST)
    try:
        token = formtoken.read(request.POST.get(TOKEN_FIELD, ""), slot.pk)
    except formtoken.TamperedToken:
        return _refuse(
            request,
            400,
            _("送信内容を確認できませんでした"),
            _(
                "フォームの内容が正しくありません。予約の画面を開き直して、もう一度入力してください。"
            ),
        )
    except formtoken.ExpiredToken:
        form.is_valid()
        form.add_error(None, MESSAGES["expired"])
        return _form_page(request, slot, _fresh_token(form, slot), status=400)
    if form.honeypot_filled:
        return _refuse(
            request,
            400,
            _("送信を受け付けられませんでした"),
            _("送信内容を受け付けられませんでした。お手数ですが、お電話でご予約ください。"),
        )
    existing = Reservation.objects.filter(idempotency_key=token.idempotency_key).first()
    if existing is not None:
        return _done_redirect(existing)
    if token.too_fast():
        form.is_valid()
        form.add_error(None, MESSAGES["too_fast"])
        return _form_page(request, slot, _fresh_token(form, slot), status=400)
    if not form.is_valid():
        return _form_page(request, slot, form, status=400)
    address = form.cleaned_data["email"]
    if _limited(
        request,
        "intake.book.email",
        settings.INTAKE_RATELIMIT_EMAIL,
        key=lambda group, req: email_key(address),
    ):
        return _rate_limited(request)
    request_data = booking.BookingRequest(
        slot_id=slot.pk,
        idempotency_key=token.idempotency_key,
        personal=form.personal_data(),
        categories=form.categories(),
        language=get_language() or settings.LANGUAGE_CODE,
    )
    try:
        result = booking.book(slot, request_data, tier_keys.public_keyring())
    except booking.SlotUnavailable as exc:
        return _unavailable(request, slot, exc.reason, status=409, submitted=True)
    except booking.EmailLimitReached:
        form.add_error(
            "email",
            MESSAGES["email_limit"] % {"limit": settings.INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL},
        )
        return _form_page(request, slot, form, status=409)
    except booking.StorageFailed:
        form.add_error(None, MESSAGES["storage_failed"])
        return _form_page(request, slot, form, status=503)
    if result.created:
        emails.send_confirmation(
            result.reservation, address, result.cancel_token, request_data.language
        )
    return _done_redirect(result.reservation)


def _reservation_by_reference(reference: str) -> Reservation:
    try:
        canonical = normalize_reference(reference)
    except InvalidReferenceError:
        raise Http404 from None
    return get_object_or_404(
        Reservation.objects.select_related("slot__session__venue"), reference=canonical
    )


@never_cache
@require_http_methods(["GET"])
def done(request, reference):
    if _limited(request, "intake.lookup", settings.INTAKE_RATELIMIT_CANCEL):
        return _rate_limited(request)
    reservation = _reservation_by_reference(reference)
    return _render(
        request,
        "intake/book_done.html",
        {"reservation": reservation, "summary": summarise(reservation.slot)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    if _limited(request, "intake.lookup", settings.INTAKE_RATELIMIT_CANCEL):
        return _rate_limited(request)
    reservation = cancellation.reservation_for_token(token)
    if reservation is None or (reservation.is_booked and cancellation.token_expired(reservation)):
        response = _render(request, "intake/cancel_refused.html", {}, status=404)
        response["Referrer-Policy"] = "strict-origin"
        return response
    context = {"reservation": reservation, "summary": summarise(reservation.slot)}
    if request.method == "POST" and reservation.is_booked:
        cancellation.cancel(reservation, by=Reservation.CancelledBy.OWNER)
        context["just_cancelled"] = True
    template = "intake/cancel_confirm.html" if reservation.is_booked else "intake/cancel_done.html"
    response = _render(request, template, context)
    # The token is in this page's URL: never send it on as a Referer. Not "no-referrer":
    # under it the browser sends "Origin: null" with the cancel POST, which CSRF refuses.
    response["Referrer-Policy"] = "strict-origin"
    return response
