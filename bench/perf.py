"""Performance benchmarks (issue 9): gunicorn with production settings on PostgreSQL.

``run()`` builds a throwaway deployment: PostgreSQL databases ``bench_perf_<pid>_*``
(dropped at the end), Redis DB 9 as the cache and DB 10 as the page cache (both flushed
before and after), the demo content, collectstatic with the production storage, fresh
intake keys, and the public tier under gunicorn on free 127.0.0.1 ports (one server
with the page cache, one without). Then:

1. cached measure page vs a static file of the same size from the same server
   (wrk): ``cached_vs_static_rps_ratio``;
   The same for the uncached search results page (``/search/?q=補助金``, never cached)
   against a static file of its size, same server, same wrk concurrency:
   ``search_page_vs_static_rps_ratio`` (issue 15);
2. uncached p50/p95 of each page type (sequential keep-alive requests);
3. a 60 s spike: concurrent bookings with page views mixed in; booking POST p95,
   errors, and reservations/sealed payloads counted against successful responses;
4. 10,000 measures and 2,000 sessions: finder and schedule p95.

``BENCH_PERF_STEPS`` (comma-separated: cached_vs_static, search_vs_static, uncached, spike,
large)
runs only the steps named; ``BENCH_SPIKE_SECONDS`` and ``BENCH_WRK_SECONDS`` shorten
a trial run (the figures recorded in docs/performance.md use the defaults).
"""

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PORTAL_ROLES_SQL = ROOT / "portal" / "sql" / "roles.sql"
INTAKE_ROLES_SQL = ROOT / "intake" / "sql" / "roles.sql"
REDIS_DB = 9
PAGE_CACHE_REDIS_DB = 10
SPIKE_SECONDS = int(os.environ.get("BENCH_SPIKE_SECONDS", "60"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
# BENCH_PERF_STEPS=spike,large runs only those steps (all four by default).
STEPS = [s for s in os.environ.get("BENCH_PERF_STEPS", "").split(",") if s]


def log(message: str) -> None:
    print(f"[perf] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(sql: str) -> bool:
    result = subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qAt", "-c", sql],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return result.returncode == 0


def psql_file(database: str, script: Path) -> bool:
    """Run an SQL file as the superuser on one database, stopping at its first error."""
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAt"]
    command += ["-v", "ON_ERROR_STOP=1", "-f", str(script)]
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
    return result.returncode == 0


def redis_flush() -> None:
    if shutil.which("redis-cli"):
        for db in (REDIS_DB, PAGE_CACHE_REDIS_DB):
            subprocess.run(["redis-cli", "-n", str(db), "FLUSHDB"], capture_output=True)  # noqa: S603, S607


class Deployment:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.name = f"bench_perf_{os.getpid()}"
        keys = tmp / "keys"
        keys.mkdir(mode=0o700)
        sys.path.insert(0, str(ROOT))
        from intake.crypto.keys import write_keypair

        _, public_key, private_key = write_keypair(keys)
        private_key.unlink()  # the public tier refuses to start next to a private key
        base = f"postgres://postgres@127.0.0.1:5432/{self.name}"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(
                ("DJANGO_", "DATABASE_", "INTAKE_", "PORTAL_", "CACHE_URL", "PAGE_CACHE_")
            )
        }
        self.env.update(
            PORTAL_ENV="production",
            SECRET_KEY="bench-" + uuid.uuid4().hex * 2,
            DATABASE_URL=f"{base}_default",
            INTAKE_DATABASE_URL=f"{base}_intake",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CACHE_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
            CACHE_KEY_PREFIX=self.name,
            PAGE_CACHE_URL=f"redis://127.0.0.1:6379/{PAGE_CACHE_REDIS_DB}",
            PORTAL_DATA_DIR=str(tmp),
            INTAKE_EMAIL_PEPPER="bench-pepper-" + uuid.uuid4().hex,
            INTAKE_PUBLIC_KEY_FILE=str(public_key),
            INTAKE_MIN_FILL_SECONDS="0",
            INTAKE_RATELIMIT_IP="1000000/h",
            INTAKE_RATELIMIT_EMAIL="1000000/h",
            SECURE_SSL_REDIRECT="false",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
            DB_POOL="false",
            DB_CONN_MAX_AGE="600",
        )
        self.servers = []

    def manage(self, *args, env=None, tier="public"):
        environment = {
            **self.env,
            "DJANGO_SETTINGS_MODULE": f"portal.settings.{tier}",
            **(env or {}),
        }
        result = subprocess.run(  # noqa: S603
            [PY, *args], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"{args} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def create(self):
        for suffix in ("default", "intake"):
            psql(f'DROP DATABASE IF EXISTS "{self.name}_{suffix}"')
            if not psql(f'CREATE DATABASE "{self.name}_{suffix}"'):
                raise RuntimeError("cannot create the bench databases (PostgreSQL on 127.0.0.1)")
        redis_flush()
        # Migrations and the demo run with the dev environment (the demo refuses production).
        dev = {"PORTAL_ENV": "dev"}
        # The demo's staff accounts get sealed TOTP devices: a dev staff OTP key first, as
        # `make migrate` does; it is removed below, before the public tier starts.
        self.manage("manage.py", "staff_otp_key", "ensure-dev", env=dev, tier="staff")
        self.manage("manage.py", "migrate", "--noinput", "-v", "0", env=dev, tier="staff")
        self.manage(
            "manage.py",
            "migrate",
            "--database=intake",
            "--noinput",
            "-v",
            "0",
            env=dev,
            tier="staff",
        )
        self.manage("manage.py", "load_demo", env=dev, tier="staff")
        self.manage("-m", "bench.perf_data", "seats", env=dev, tier="staff")
        (self.tmp / "keys" / "staff-otp.secret").unlink()  # staff-only, like the private key
        self.manage("manage.py", "collectstatic", "--noinput", "-v", "0")
        # The public tier runs as in production (docs/deploy.md): as the restricted roles
        # of both roles.sql files, which the production public tier insists on at start-up.
        for suffix, script in (("default", PORTAL_ROLES_SQL), ("intake", INTAKE_ROLES_SQL)):
            if not psql_file(f"{self.name}_{suffix}", script):
                raise RuntimeError(f"{script.relative_to(ROOT)} failed on {self.name}_{suffix}")

    def start(self, cache=True, workers=4) -> int:
        port = free_port()
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "portal.settings.public"}
        env["DATABASE_URL"] = f"postgres://portal_public@127.0.0.1:5432/{self.name}_default"
        env["INTAKE_DATABASE_URL"] = f"postgres://intake_public@127.0.0.1:5432/{self.name}_intake"
        env["PAGE_CACHE_ENABLED"] = "true" if cache else "false"
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        env["GUNICORN_WORKERS"] = str(workers)
        env["GUNICORN_ACCESS_LOG"] = "/dev/null"
        process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "-c", "deploy/gunicorn_public.py", "portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.tmp / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
        )
        self.servers.append(process)
        # Generous: on a loaded two-core machine four workers can take a minute or more.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if get(port, "/healthz")[0] == 200:
                    return port
            except OSError:
                time.sleep(0.3)
        log_tail = (self.tmp / f"gunicorn-{port}.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"gunicorn on {port} did not start:\n{log_tail}")

    def stop(self):
        for process in self.servers:
            process.terminate()
        for process in self.servers:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.servers = []

    def drop(self):
        self.stop()
        redis_flush()
        for suffix in ("default", "intake"):
            psql(f'DROP DATABASE IF EXISTS "{self.name}_{suffix}" WITH (FORCE)')


def get(port, path, headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        if own:
            conn.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timings(port, path, count=60) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    get(port, path, conn=conn)
    values = []
    for _ in range(count):
        start = time.perf_counter()
        status, _, _ = get(port, path, conn=conn)
        values.append((time.perf_counter() - start) * 1000)
        assert status == 200, (path, status)
    conn.close()
    return values


def wrk_rps(port, path) -> float | None:
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(  # noqa: S603
        ["wrk", "-t2", "-c32", f"-d{WRK_SECONDS}s", f"http://127.0.0.1:{port}{path}"],  # noqa: S607
        capture_output=True,
        text=True,
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if non2xx:
        log(f"wrk {path}: {non2xx.group(1)} non-2xx responses")
    return float(match.group(1)) if match else None


def page_urls(port) -> dict:
    """One URL per page type, found from the demo content."""
    _, body, _ = get(port, "/measures/?status=all")
    # A measure page: the finder also links its checker (/measures/check/).
    measure = next(
        path
        for path in re.findall(r'href="(/measures/[a-z0-9-]+/)"', body.decode())
        if path != "/measures/check/"
    )
    _, body, _ = get(port, "/schedule/")
    session = re.search(r'href="(/schedule/sessions/\d+/)"', body.decode()).group(1)
    venue = re.search(r'href="(/schedule/venues/[a-z0-9-]+/)"', body.decode()).group(1)
    return {
        "home": "/",
        "content": "/about/",
        "finder": "/measures/",
        "measure": measure,
        "checker": "/measures/check/?industry=retail&employees=3&business_form=corporation",
        "schedule": "/schedule/",
        "venue": venue,
        "session": session,
        "search": "/search/?q=" + "補助金".encode().hex()
        and "/search/?q=%E8%A3%9C%E5%8A%A9%E9%87%91",
    }


# --- 1. cached page vs static file --------------------------------------------------
def _against_static(deployment, path, static_name, warm=1):
    """wrk rps of `path` and of a static file of the same size, same server and concurrency."""
    port = deployment.start(cache=True)
    for _ in range(warm):
        get(port, path)
    _status, body, response = get(port, path)
    deployment.stop()
    # A static file of exactly the page's size, served by whitenoise from the same server.
    (deployment.tmp / "static" / static_name).write_bytes(body)
    port = deployment.start(cache=True)
    get(port, path)
    page_rps = wrk_rps(port, path)
    static_rps = wrk_rps(port, f"/static/{static_name}")
    deployment.stop()
    return page_rps, static_rps, body, response.getheader("X-Page-Cache")


def cached_vs_static(deployment) -> dict:
    port = deployment.start(cache=True)
    measure = page_urls(port)["measure"]
    deployment.stop()
    page_rps, static_rps, body, cache = _against_static(deployment, measure, "bench-same-size.html")
    assert cache == "hit", "measure page not cached"
    if page_rps is None or static_rps is None:
        log("wrk is not installed (apt-get install -y wrk): cached_vs_static skipped")
        return {"cached_vs_static_rps_ratio": "skipped (no wrk)"}
    log(f"cached page {page_rps:.0f} rps, static file {static_rps:.0f} rps ({len(body)} bytes)")
    return {
        "cached_page_rps": round(page_rps),
        "static_file_rps": round(static_rps),
        "cached_vs_static_rps_ratio": round(page_rps / static_rps, 3),
    }


SEARCH_PATH = "/search/?q=%E8%A3%9C%E5%8A%A9%E9%87%91"  # 補助金


def search_vs_static(deployment) -> dict:
    """The search results page (never page-cached) against a static file of its size."""
    page_rps, static_rps, body, cache = _against_static(
        deployment, SEARCH_PATH, "bench-search-size.html", warm=0
    )
    assert cache != "hit", "the search page must not be cached"
    if page_rps is None or static_rps is None:
        log("wrk is not installed (apt-get install -y wrk): search_vs_static skipped")
        return {"search_page_vs_static_rps_ratio": "skipped (no wrk)"}
    log(f"search page {page_rps:.1f} rps, static file {static_rps:.0f} rps ({len(body)} bytes)")
    return {
        "search_page_rps": round(page_rps, 1),
        "search_static_file_rps": round(static_rps),
        "search_page_vs_static_rps_ratio": round(page_rps / static_rps, 4),
    }


# --- 2. uncached renders -------------------------------------------------------------
def uncached(deployment) -> dict:
    port = deployment.start(cache=False)
    results = {}
    for name, path in page_urls(port).items():
        values = timings(port, path)
        results[f"uncached_{name}_p50_ms"] = round(statistics.median(values), 1)
        results[f"uncached_{name}_p95_ms"] = round(percentile(values, 0.95), 1)
        log(
            f"uncached {name}: p50 {results[f'uncached_{name}_p50_ms']} ms, p95 "
            f"{results[f'uncached_{name}_p95_ms']} ms"
        )
    deployment.stop()
    return results


# --- 3. spike -----------------------------------------------------------------------
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# The sessions whose slots the spike books: the first 60 upcoming ones, as when the list
# showed 60 on one page (it shows 20 a page now; the bench follows the page links).
SPIKE_SESSIONS = 60


def booking_slots(port) -> list[str]:
    sessions: list[str] = []
    path = "/schedule/"
    while path and len(sessions) < SPIKE_SESSIONS:
        _, body, _ = get(port, path)
        html = body.decode()
        sessions += re.findall(r'href="(/schedule/sessions/\d+/)"', html)
        sessions = list(dict.fromkeys(sessions))
        following = re.search(r'href="([^"]+)" rel="next"', html)
        path = "/schedule/" + unescape(following.group(1)) if following else None
    slots = []
    for session in sessions[:SPIKE_SESSIONS]:
        _, page, _ = get(port, session)
        slots += re.findall(r'href="(/book/\d+/)"', page.decode())
    return list(dict.fromkeys(slots))


def book_once(port, slot, n) -> tuple[str, float | None]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        status, body, response = get(port, slot, conn=conn)
        if status != 200:
            return f"form {status}", None
        html = body.decode()
        token, csrf = TOKEN.search(html), CSRF.search(html)
        if not token or not csrf:
            return "full", None
        cookie = "; ".join(
            value.split(";")[0] for key, value in response.getheaders() if key == "Set-Cookie"
        )
        data = urlencode(
            {
                "business_name": f"ベンチ商店{n}",
                "contact_name": "若葉 太郎",
                "contact_name_kana": "ワカバ タロウ",
                "phone": "090-1234-5678",
                "email": f"bench{n}@example.jp",
                "email_confirm": f"bench{n}@example.jp",
                "ward": "kita",
                "industry": "retail",
                "employee_band": "1-5",
                "sales_decline_band": "20-30",
                "subsidy_status": "planning",
                "topics": "subsidy",
                "consultation": "ベンチマークの相談です。",
                "consent": "on",
                "website": "",
                "form_token": token.group(1),
                "csrfmiddlewaretoken": csrf.group(1),
            }
        )
        start = time.perf_counter()
        conn.request(
            "POST",
            slot,
            body=data,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status == 302 and "/book/done/" in (response.getheader("Location") or ""):
            return "ok", elapsed
        return f"post {response.status}", elapsed
    except OSError as error:
        return f"error {type(error).__name__}", None
    finally:
        conn.close()


def spike(deployment) -> dict:
    port = deployment.start(cache=True)
    urls = page_urls(port)
    slots = booking_slots(port)
    log(f"spike: {len(slots)} bookable slots, {SPIKE_SECONDS} s")
    stop = time.monotonic() + SPIKE_SECONDS
    lock = threading.Lock()
    outcomes: dict[str, int] = {}
    post_ms: list[float] = []
    views = {"ok": 0, "error": 0}
    counter = iter(range(10**9))

    def booker():
        while time.monotonic() < stop:
            with lock:
                n = next(counter)
            outcome, elapsed = book_once(port, slots[n % len(slots)], n)
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if elapsed is not None:
                    post_ms.append(elapsed)

    def viewer():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        paths = [urls["measure"], urls["finder"], urls["home"], urls["schedule"], urls["session"]]
        i = 0
        while time.monotonic() < stop:
            try:
                status, _, _ = get(port, paths[i % len(paths)], conn=conn)
                ok = status == 200
            except OSError:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            with lock:
                views["ok" if ok else "error"] += 1
            i += 1

    threads = [threading.Thread(target=booker) for _ in range(6)]
    threads += [threading.Thread(target=viewer) for _ in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    deployment.stop()
    counts = json.loads(
        deployment.manage(
            "-m", "bench.perf_data", "counts", env={"PORTAL_ENV": "dev"}, tier="staff"
        )
    )
    ok = outcomes.get("ok", 0)
    errors = sum(v for k, v in outcomes.items() if k.startswith(("post 5", "error", "form 5")))
    log(f"spike outcomes {outcomes}, views {views}, db {counts}")
    return {
        "spike_requests_per_s": round((sum(outcomes.values()) * 2 + sum(views.values())) / elapsed),
        "bookings_ok": ok,
        "booking_p95_ms": round(percentile(post_ms, 0.95), 1) if post_ms else "n/a",
        "booking_errors": errors + views["error"],
        "bookings_lost": max(0, ok - counts["reservations"]) + max(0, ok - counts["sealed"]),
        "bookings_doubled": max(0, counts["reservations"] - ok)
        + (counts["reservations"] - counts["distinct_idempotency"]),
    }


# --- 4. large data set --------------------------------------------------------------
def large(deployment) -> dict:
    started = time.monotonic()
    out = deployment.manage(
        "-m", "bench.perf_data", "large", env={"PORTAL_ENV": "dev"}, tier="staff"
    ).split()
    log(
        f"large data set: {out[0]} live measures, {out[1]} sessions "
        f"({time.monotonic() - started:.0f} s to build)"
    )
    port = deployment.start(cache=False)
    results = {}
    for key, path in (
        ("finder", "/measures/?status=all"),
        ("finder_facets", "/measures/?status=all&kind=subsidy&industry=retail"),
        ("finder_page50", "/measures/?status=all&page=50"),
        ("schedule", "/schedule/"),
    ):
        values = timings(port, path, count=30)
        results[f"{key}_p95_ms_10k"] = round(percentile(values, 0.95), 1)
        log(
            f"10k {key}: p50 {statistics.median(values):.1f} ms, p95 {results[f'{key}_p95_ms_10k']}"
        )
    deployment.stop()
    return results


def run() -> dict:
    if not shutil.which("psql"):
        log("psql not found: perf benchmarks skipped")
        return {"perf": "skipped (no PostgreSQL client)"}
    if not Path(GUNICORN).exists():
        log("gunicorn not installed: perf benchmarks skipped")
        return {"perf": "skipped (no gunicorn)"}
    if not shutil.which("wrk"):
        log("wrk missing; trying apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)  # noqa: S607
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_perf_") as tmp:
        deployment = Deployment(Path(tmp))
        try:
            started = time.monotonic()
            deployment.create()
            log(f"deployment ready in {time.monotonic() - started:.0f} s")
            for step in (cached_vs_static, search_vs_static, uncached, spike, large):
                if STEPS and step.__name__ not in STEPS:
                    continue
                step_started = time.monotonic()
                results.update(step(deployment))
                log(f"{step.__name__} took {time.monotonic() - step_started:.0f} s")
        finally:
            deployment.drop()
    order = [
        "cached_vs_static_rps_ratio",
        "search_page_vs_static_rps_ratio",
        "uncached_measure_p95_ms",
        "booking_p95_ms",
        "booking_errors",
        "bookings_lost",
        "bookings_doubled",
        "finder_p95_ms_10k",
    ]
    return {
        **{k: v for k, v in results.items() if k not in order},
        **{k: results[k] for k in order if k in results},
    }
