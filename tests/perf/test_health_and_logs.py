"""Health endpoints on both tiers, and logs without personal data."""

import io
import json
import logging

import pytest

from portal import logs

MARKER = "MARKER-PERSONAL-7f3a"


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.parametrize("tier", ["public_tier", "staff_tier"])
def test_health_endpoints_answer_on_both_tiers_without_login(request, client, tier):
    request.getfixturevalue(tier)
    live = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a load balancer's own Host
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    ready = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"db:default": True, "db:intake": True, "cache": True}
    assert ready["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_liveness_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db(databases=["default", "intake"])
def test_readiness_fails_when_the_cache_fails(client, monkeypatch):
    from portal import health

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(health.cache, "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] is False
    assert "redis down" not in response.content.decode()


def test_probes_are_answered_before_the_staff_gate():
    """The probes are no views the staff gate could open: they must come before it."""
    from portal.settings import staff

    gate = staff.MIDDLEWARE.index("portal.accounts.middleware.VerifiedStaffRequiredMiddleware")
    assert staff.MIDDLEWARE.index("portal.health.HealthCheckMiddleware") < gate


@pytest.fixture
def json_log():
    """The production handler (JSON formatter + redact filter) on the root logger."""
    config = logs.logging_config()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter())
    handler.addFilter(logs.RedactFilter())
    assert config["handlers"]["console"]["filters"] == ["redact"]
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_checker_and_booking_urls_leave_no_personal_data_in_the_logs(json_log, client):
    client.get(f"/measures/check/?industry=retail&employees=3&note={MARKER}")
    # Unknown booking references and cancellation tokens are logged as 404s by Django.
    client.get(f"/book/cancel/{MARKER}/")
    client.get(f"/en/book/done/{MARKER}/")
    logging.getLogger("django.request").warning(
        "Not Found: %s", f"/book/cancel/{MARKER}/", extra={"status_code": 404}
    )
    logging.getLogger("portal").info("GET /measures/check/?employees=%s", MARKER)
    output = json_log.getvalue()
    assert lines(json_log), "nothing was logged"
    assert MARKER not in output
    assert "<redacted>" in output


def test_redaction_keeps_other_urls_intact():
    assert logs.redact("GET /measures/?kind=subsidy") == "GET /measures/?kind=subsidy"
    assert logs.redact("GET /book/12/") == "GET /book/<redacted>"
    assert logs.redact("/en/measures/check/?a=1 x") == "/en/measures/check/?<redacted> x"


def test_gunicorn_access_log_is_redacted():
    from types import SimpleNamespace

    from gunicorn.config import Config

    logger = logs.GunicornLogger(Config())
    environ = {
        "PATH_INFO": f"/book/cancel/{MARKER}/",
        "QUERY_STRING": f"x={MARKER}",
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/book/cancel/{MARKER}/?x={MARKER}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    req = SimpleNamespace(
        headers=[],
        method="GET",
        path=environ["PATH_INFO"],
        query=environ["QUERY_STRING"],
        uri=environ["RAW_URI"],
        version=(1, 1),
    )
    resp = SimpleNamespace(status="404 Not Found", headers=[], sent=10, response_length=10)
    from datetime import timedelta

    atoms = logger.atoms(resp, req, environ, timedelta(milliseconds=5))
    assert MARKER not in json.dumps({k: str(v) for k, v in atoms.items()})
    checker = dict(
        environ,
        PATH_INFO="/measures/check/",
        QUERY_STRING=f"employees={MARKER}",
        RAW_URI=f"/measures/check/?employees={MARKER}",
    )
    atoms = logger.atoms(resp, req, checker, timedelta(milliseconds=5))
    assert MARKER not in json.dumps({k: str(v) for k, v in atoms.items()})


@pytest.mark.django_db(databases=["default", "intake"])
def test_a_booking_leaves_no_personal_data_in_the_logs(json_log, client, booking_env):
    from tests.intake.booking_pages import book_url
    from tests.intake.factories import BookingFormFactory, open_slot

    slot = open_slot(capacity=2)
    response = client.post(
        book_url(slot),
        BookingFormFactory(
            slot=slot, consultation=f"相談 {MARKER}", business_name=f"商店 {MARKER}"
        ),
    )
    assert response.status_code == 302, response.status_code
    client.get(response["Location"])
    client.get(f"/book/cancel/{MARKER}/")
    output = json_log.getvalue()
    assert any("Booking" in line["message"] for line in lines(json_log))
    assert MARKER not in output


@pytest.mark.django_db(databases=["default", "intake"])
def test_the_booking_form_is_never_cached(page_cache, client, booking_env):
    from tests.intake.booking_pages import book_url
    from tests.intake.factories import open_slot

    slot = open_slot()
    for _ in range(2):
        response = client.get(book_url(slot))
        assert response["X-Page-Cache"] == "bypass"
        assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode() or response.cookies
