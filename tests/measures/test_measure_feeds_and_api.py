"""Atom and iCal feeds parse; the open-data API has a stable, documented shape."""

import json
import xml.etree.ElementTree as ET

import icalendar
import pytest

ATOM = "{http://www.w3.org/2005/Atom}"

MEASURE_KEYS = {
    "id", "url", "language", "title", "short_title", "provider", "provider_level", "kind",
    "kind_label", "purposes", "industries", "target_size", "max_employees",
    "min_sales_decline_percent", "amount_max_yen", "subsidy_rate", "interest",
    "application_start", "application_end", "status", "status_label", "summary",
    "official_url", "last_updated",
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,title", [("", "若葉市"), ("/en", "Wakaba City")])
def test_atom_feed_parses_and_follows_the_language(demo_site, client, prefix, title):
    response = client.get(f"{prefix}/feeds/measures/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 26
    first = entries[0]
    assert first.find(f"{ATOM}id").text.startswith("tag:")
    assert first.find(f"{ATOM}updated").text
    link = first.find(f"{ATOM}link").get("href")
    assert link.startswith(f"{prefix}/measures/") or f"{prefix}/measures/" in link
    assert any(title in (e.find(f"{ATOM}title").text or "") for e in entries)


@pytest.mark.django_db
def test_deadline_calendar_parses_with_stable_uids(demo_site, client):
    first = icalendar.Calendar.from_ical(client.get("/feeds/deadlines.ics").content)
    again = icalendar.Calendar.from_ical(client.get("/feeds/deadlines.ics").content)
    english = icalendar.Calendar.from_ical(client.get("/en/feeds/deadlines.ics").content)
    events = first.walk("VEVENT")
    assert events, "the demo has measures with deadlines"
    uids = [str(e["UID"]) for e in events]
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert not set(uids) & {str(e["UID"]) for e in english.walk("VEVENT")}
    event = events[0]
    assert str(event["SUMMARY"]).startswith("締切: ")
    assert event.decoded("DTSTART") <= event.decoded("DTEND")
    assert str(english.walk("VEVENT")[0]["SUMMARY"]).startswith("Deadline: ")


@pytest.mark.django_db
def test_api_lists_measures_with_a_stable_shape(demo_site, client):
    response = client.get("/api/measures/")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    data = response.json()
    assert set(data) == {
        "version",
        "language",
        "count",
        "page",
        "pages",
        "next",
        "previous",
        "results",
    }
    assert data["count"] == 26  # open data includes closed measures by default
    item = next(r for r in data["results"] if r["id"] == "d001")
    assert set(item) == MEASURE_KEYS
    assert item["kind"] == "subsidy"
    assert item["industries"] == []
    assert {"slug": "digitalisation", "label": "IT化"} in item["purposes"]
    assert item["status"] in {"open", "closing_soon", "upcoming", "closed", "rolling"}
    json.dumps(data)  # plain JSON types only


@pytest.mark.django_db
def test_api_filters_like_the_finder_and_pages(demo_site, client):
    loans = client.get("/api/measures/?kind=loan&status=accepting").json()
    assert loans["count"] >= 1
    assert {r["kind"] for r in loans["results"]} == {"loan"}
    assert all(r["status"] != "closed" for r in loans["results"])
    english = client.get("/en/api/measures/?purpose=digitalisation").json()
    assert english["language"] == "en"
    assert all("digitalisation" in [p["slug"] for p in r["purposes"]] for r in english["results"])
    assert client.get("/api/measures/?page=99").status_code == 404


@pytest.mark.django_db
def test_api_detail_by_stable_id_and_conditional_get(demo_site, client):
    response = client.get("/api/measures/d001/")
    assert response.json()["id"] == "d001"
    again = client.get("/api/measures/d001/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/api/measures/nope/").status_code == 404
