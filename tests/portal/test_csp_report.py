"""CSP violation reports are accepted on both tiers and logged without page URLs."""

import json
import logging

import pytest

from tests.tiers import use_tier

REPORT = {
    "csp-report": {
        "document-uri": "http://127.0.0.1:8000/book/cancel/SECRET-TOKEN-123/?q=やまだ",
        "violated-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js?session=abc",
    }
}


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["public", "staff"])
def test_csp_header_names_the_report_endpoint(client, tier):
    with use_tier(tier):
        response = client.get("/robots.txt")
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("tier", ["public", "staff"])
def test_report_is_accepted_and_logged_without_the_page_url(client, tier, caplog):
    caplog.set_level(logging.WARNING, logger="portal.csp")
    with use_tier(tier):
        response = client.post(
            "/csp-report/", json.dumps(REPORT), content_type="application/csp-report"
        )
    assert response.status_code == 204
    logged = caplog.text
    assert "directive=script-src-elem" in logged
    assert "blocked=https://evil.example" in logged
    for secret in ("SECRET-TOKEN-123", "やまだ", "session=abc", "x.js"):
        assert secret not in logged


@pytest.mark.django_db
def test_reporting_api_format_is_understood(client, caplog):
    caplog.set_level(logging.WARNING, logger="portal.csp")
    body = [
        {"type": "csp-violation", "body": {"effectiveDirective": "img-src", "blockedURL": "data"}}
    ]
    response = client.post(
        "/csp-report/", json.dumps(body), content_type="application/reports+json"
    )
    assert response.status_code == 204
    assert "directive=img-src blocked=data" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body,status",
    [(b"not json", 400), (b"\xff\xfe", 400), (b"x" * (16 * 1024 + 1), 413)],
)
def test_bad_or_oversized_reports_are_refused(client, body, status):
    response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code == status


@pytest.mark.django_db
def test_reports_cannot_be_read_back(client):
    assert client.get("/csp-report/").status_code == 405
