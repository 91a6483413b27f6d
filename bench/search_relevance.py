"""Search relevance and latency: the Japanese backend against Wagtail's default database backend.

Each database runs in its own child process (Django is configured once per
process): SQLite in a temporary file, PostgreSQL in a database it creates and
drops (named ``bench_search_…``).  A child indexes the corpus
(../shared/corpus/measures.jsonl) as pages, runs bench/search_queries.jsonl
with both backends, then times queries at the corpus size and at 10,000
documents (extra pages are bulk-inserted and indexed with ``add_bulk``).

Recall@5 of a query is |expected ∩ top 5| / min(|expected|, 5); MRR uses the
rank of the first expected id in the top 20.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "measures.jsonl"
QUERIES = REPO / "bench" / "search_queries.jsonl"
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
LARGE = 10_000
TOP = 20


def run() -> dict:
    """Entry point for `make bench`."""
    results = {"sqlite": _child("sqlite")}
    pg = _child("postgres")
    if pg:
        results["postgres"] = pg
    _print_table(results)
    main = results.get("postgres") or results["sqlite"]
    return {
        "search_recall_at_5": main["recall_at_5"],
        "search_mrr": main["mrr"],
        "search_recall_at_5_wagtail_default": main["recall_at_5_default"],
        "search_p95_ms_10k": main["p95_ms_large"],
    }


def _child(vendor: str) -> dict | None:
    with tempfile.TemporaryDirectory(prefix="bench_search_") as tmp:
        env = {
            **os.environ,
            "PORTAL_ENV": "test",
            "DJANGO_SETTINGS_MODULE": "portal.settings.staff",
            "PORTAL_DATA_DIR": tmp,
            "LOG_LEVEL": "WARNING",
            "INTAKE_DATABASE_URL": f"sqlite:///{tmp}/intake.sqlite3",
        }
        name = None
        if vendor == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            name = f"bench_search_{os.getpid()}"
            if not _pg_admin(f'CREATE DATABASE "{name}"'):
                print("search bench: PostgreSQL not reachable, skipped", file=sys.stderr)
                return None
            env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
        try:
            out = subprocess.run(  # noqa: S603 - our own module, fixed arguments
                [sys.executable, "-m", "bench.search_relevance", vendor],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
        except subprocess.CalledProcessError as error:
            print(error.stderr[-3000:], file=sys.stderr)
            raise
        finally:
            if name:
                _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return json.loads(out.stdout.strip().splitlines()[-1])


def _pg_admin(sql: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(sql)
    except psycopg.OperationalError:
        return False
    return True


def _print_table(results: dict) -> None:
    rows = [
        ("recall@5 (Japanese backend)", "recall_at_5"),
        ("recall@5 (Wagtail default)", "recall_at_5_default"),
        ("MRR (Japanese backend)", "mrr"),
        ("MRR (Wagtail default)", "mrr_default"),
        ("p50 ms, corpus size", "p50_ms_small"),
        ("p95 ms, corpus size", "p95_ms_small"),
        (f"p50 ms, {LARGE:,} docs", "p50_ms_large"),
        (f"p95 ms, {LARGE:,} docs", "p95_ms_large"),
    ]
    vendors = list(results)
    print(f"search relevance ({len(_queries())} queries, corpus {CORPUS.name})")
    print(f"{'':32}" + "".join(f"{v:>12}" for v in vendors))
    for label, key in rows:
        print(f"{label:32}" + "".join(f"{results[v][key]:>12}" for v in vendors))


def _queries() -> list[dict]:
    return [json.loads(line) for line in QUERIES.open(encoding="utf-8") if line.strip()]


# --- inside the child process -------------------------------------------------


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.search.backends import get_search_backend

    _log("migrated")
    ids = load_corpus_pages()
    _log(f"loaded {len(ids)} corpus pages")
    japanese = get_search_backend()
    default = get_search_backend("wagtail.search.backends.database")
    queries = _queries()
    result = {}
    ranked = _rankings(japanese, queries, ids)
    result["recall_at_5"], result["mrr"] = _scores(ranked, queries)
    result["p50_ms_small"], result["p95_ms_small"] = _latency(japanese, queries)

    _log("japanese backend measured")
    _reindex(default)
    ranked_default = _rankings(default, queries, ids)
    result["recall_at_5_default"], result["mrr_default"] = _scores(ranked_default, queries)
    _reindex(japanese)

    _log("default backend measured")
    # SQLite ranks with a correlated bm25() subquery per matching row (Wagtail's
    # compiler): at 10k one broad query takes seconds to minutes (measured once:
    # p50 11.4 s, p95 94 s), so it is timed only with BENCH_SEARCH_SQLITE_LARGE=1.
    if connection.vendor == "sqlite" and not os.environ.get("BENCH_SEARCH_SQLITE_LARGE"):
        result["p50_ms_large"] = result["p95_ms_large"] = "skipped"
        return result
    _add_documents(japanese, LARGE - len(ids) // 2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    _log("extra documents indexed")
    result["p50_ms_large"], result["p95_ms_large"] = _latency(japanese, queries, passes=1)
    _log("large latency measured")
    return result


def load_corpus_pages() -> dict[int, str]:
    """Create one live ContentPage per corpus record (Japanese and English); page pk -> id.

    A stand-in for the measures importer, which will replace it at merge.
    """
    from wagtail.models import Locale, Page

    from home.models import ContentPage, HomePage
    from portal.demo.streams import raw_stream

    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    ids = {}
    for language in ("ja", "en"):
        locale = Locale.objects.get_or_create(language_code=language)[0]
        home = HomePage(
            title="ホーム", slug=f"bench-{language}", locale=locale, hero_title="-", hero_lead="-"
        )
        Page.get_first_root_node().add_child(instance=home)
        for record in records:
            title, lead, paragraphs = _page_text(record, language)
            page = ContentPage(
                title=title,
                slug=record["id"],
                lead=lead,
                body=raw_stream(
                    [{"type": "paragraph", "value": p} for p in paragraphs if p], record["id"]
                ),
            )
            home.add_child(instance=page)
            ids[page.pk] = record["id"]
    return ids


def _page_text(record: dict, language: str) -> tuple[str, str, list[str]]:
    if language == "en":
        summary = record.get("summary_en") or ""
        return summary.split(".")[0][:200] or record["id"], "", [summary]
    extra = "、".join([record["provider"], *record["purposes"], *record["documents"]])
    paragraphs = [record["summary"], record["eligibility"], record["how_to_apply"], extra]
    return record["title"], record.get("short_title") or "", paragraphs


def _queryset(language: str):
    from wagtail.models import Locale

    from home.models import ContentPage

    return ContentPage.objects.live().filter(locale=Locale.objects.get(language_code=language))


def _rankings(backend, queries, ids) -> list[list[str]]:
    return [
        [ids.get(page.pk) for page in backend.search(q["q"], _queryset(q["lang"]))[:TOP]]
        for q in queries
    ]


def _scores(ranked, queries) -> tuple[float, float]:
    recalls, reciprocal = [], []
    for found, query in zip(ranked, queries, strict=True):
        expected = set(query["expected"])
        recalls.append(len(expected & set(found[:5])) / min(len(expected), 5))
        rank = next((i for i, pid in enumerate(found, 1) if pid in expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
    return round(statistics.mean(recalls), 3), round(statistics.mean(reciprocal), 3)


def _latency(backend, queries, passes: int = 3) -> tuple[float, float]:
    timings = []
    querysets = {lang: _queryset(lang) for lang in ("ja", "en")}
    for _ in range(passes):
        for q in queries:
            start = time.perf_counter()
            list(backend.search(q["q"], querysets[q["lang"]])[:10])
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return round(statistics.median(timings), 1), round(p95, 1)


def _reindex(backend) -> None:
    from home.models import ContentPage

    backend.add_bulk(ContentPage, list(ContentPage.objects.all()))


def _add_documents(backend, count: int, chunk: int = 1000) -> None:
    """Bulk-insert `count` live Japanese pages made of shuffled corpus sentences, and index them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from wagtail.models import Page

    from home.models import ContentPage, HomePage

    rng = random.Random(7)
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    sentences = [s for r in records for s in (r["summary"] + r["eligibility"]).split("。") if s]
    titles = [r["title"] for r in records]
    home = HomePage.objects.get(slug="bench-ja")
    content_type = ContentType.objects.get_for_model(ContentPage)
    first = home.numchild + 1
    for offset in range(0, count, chunk):
        n = min(chunk, count - offset)
        pages = []
        for i in range(first + offset, first + offset + n):
            slug = f"extra-{i}"
            pages.append(
                Page(
                    title=f"{rng.choice(titles)} ({rng.randint(1, 9999)})",
                    draft_title=slug,
                    slug=slug,
                    path=Page._get_path(home.path, home.depth + 1, i),
                    depth=home.depth + 1,
                    numchild=0,
                    url_path=f"{home.url_path}{slug}/",
                    content_type=content_type,
                    locale_id=home.locale_id,
                    translation_key=uuid.uuid4(),
                    live=True,
                )
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            if created[0].pk is None:  # backends that cannot return ids
                created = list(Page.objects.filter(slug__in=[p.slug for p in pages]))
            rows = [
                (
                    page.pk,
                    "。".join(rng.sample(sentences, 2)),
                    json.dumps(
                        [{"type": "paragraph", "value": "。".join(rng.sample(sentences, 4))}],
                        ensure_ascii=False,
                    ),
                )
                for page in created
            ]
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO home_contentpage (page_ptr_id, lead, body) VALUES (%s, %s, %s)",
                    rows,
                )
        new = list(ContentPage.objects.filter(pk__in=[row[0] for row in rows]))
        backend.add_bulk(ContentPage, new)
        _log(f"indexed {offset + n} extra pages")
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + count)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(json.dumps(measure()))
