"""Both tiers as live servers in subprocesses, for the browser tests.

They run with PORTAL_ENV=test on their own data directory (SQLite files, dev keys,
static files, mail), migrated and demo-loaded once, on free ports. The servers
write mail to files (PORTAL_TEST_MAIL_DIR, see portal/settings/env/test.py), which the
journeys read back like a mailbox.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIER_SETTINGS = {"public": "portal.settings.public", "staff": "portal.settings.staff"}
# Variables of the developer's or CI's environment that would point the servers elsewhere.
CREATE_ENROLLING_USER = """
from django.contrib.auth import get_user_model
from portal.accounts.demo import DEMO_PASSWORD
get_user_model().objects.create_user("enrolling", password=DEMO_PASSWORD, is_staff=True)
"""
DROPPED_ENV = (
    "DATABASE_URL",
    "INTAKE_DATABASE_URL",
    "CACHE_URL",
    "PAGE_CACHE_URL",
    "DJANGO_SETTINGS_MODULE",
)


def free_port() -> int:
    """A port the OS says is free now (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServers:
    data_dir: Path
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def public(self) -> str:
        return f"http://127.0.0.1:{self.ports['public']}"

    @property
    def staff(self) -> str:
        return f"http://127.0.0.1:{self.ports['staff']}"

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    def env(self, tier: str = "staff") -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
        env.update(
            PORTAL_ENV="test",
            PORTAL_DATA_DIR=str(self.data_dir),
            PORTAL_TEST_MAIL_DIR=str(self.mail_dir),
            DJANGO_SETTINGS_MODULE=TIER_SETTINGS[tier],
            PUBLIC_BASE_URL=self.public,
            STAFF_BASE_URL=self.staff,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            PYTHONUNBUFFERED="1",
            # The booking tests prove the abuse limits; the journeys book like many users.
            INTAKE_MIN_FILL_SECONDS="0",
            INTAKE_RATELIMIT_IP="1000/h",
            INTAKE_RATELIMIT_EMAIL="1000/h",
        )
        return env

    def manage(self, *args: str, tier: str = "staff") -> str:
        return self.wait(self.spawn_manage(*args, tier=tier), args)

    def spawn_manage(self, *args: str, tier: str = "staff") -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(tier),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    @staticmethod
    def wait(process: subprocess.Popen, args) -> str:
        stdout, stderr = process.communicate(timeout=300)
        if process.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{stderr[-4000:]}")
        return stdout

    def prepare(self) -> None:
        """Migrate both databases, make dev keys, collect static files, load the demo."""
        # Independent steps run side by side; the two SQLite files are separate.
        steps = [
            ("migrate", "--noinput", "-v", "0"),
            ("migrate", "--database=intake", "--noinput", "-v", "0"),
            # DEBUG is off in the test environment, so whitenoise serves collected files.
            ("collectstatic", "--noinput", "-v", "0"),
        ]
        if (ROOT / "intake" / "management" / "commands" / "intake_keys.py").exists():
            steps.append(("intake_keys", "ensure-dev"))
        running = [(self.spawn_manage(*args), args) for args in steps]
        for process, args in running:
            self.wait(process, args)
        self.manage("load_demo")
        # A staff account with no second factor yet, to reach the enrolment page.
        self.manage("shell", "-c", CREATE_ENROLLING_USER)

    def start(self) -> None:
        self.ports = {"public": free_port(), "staff": free_port()}
        self.prepare()
        for tier, port in self.ports.items():
            log = (self.data_dir / f"{tier}.log").open("w")
            self.processes[tier] = subprocess.Popen(  # noqa: S603 - fixed argv
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--skip-checks",
                ],
                cwd=ROOT,
                env=self.env(tier),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        for tier in self.ports:
            self.wait_until_up(tier)

    def wait_until_up(self, tier: str, timeout: float = 60) -> None:
        base = self.public if tier == "public" else self.staff
        url = f"{base}/" if tier == "public" else f"{base}/account/login/"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.processes[tier].poll() is not None:
                break
            try:
                with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own server
                    return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the {tier} tier did not start:\n{self.log_tail(tier)}")

    def log_tail(self, tier: str, chars: int = 4000) -> str:
        path = self.data_dir / f"{tier}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    @classmethod
    def attach(cls, info_file: Path) -> LiveServers:
        info = json.loads(info_file.read_text())
        return cls(Path(info["data_dir"]), ports=info["ports"])

    def mails_to(self, address: str) -> list:
        """Messages the servers sent to ``address``, oldest first."""
        if not self.mail_dir.is_dir():
            return []
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            # The file backend writes each message followed by a line of dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if not chunk.strip():
                    continue
                message = message_from_bytes(chunk.lstrip(b"\n"), policy=policy.default)
                if address in str(message.get("To", "")):
                    messages.append(message)
        return messages


def main(argv=None):
    """Keep both tiers running for quick reruns of the browser tests:

    python -m tests.browser.servers /tmp/servers.json &
    BROWSER_TESTS_SERVERS=/tmp/servers.json pytest tests/browser
    """
    import tempfile

    info_file = Path((argv or sys.argv[1:] or ["browser-servers.json"])[0])
    live = LiveServers(Path(tempfile.mkdtemp(prefix="browser-servers-")))
    live.start()
    info_file.write_text(json.dumps({"data_dir": str(live.data_dir), "ports": live.ports}))
    print(f"public {live.public}  staff {live.staff}  ({info_file})", flush=True)
    try:
        while all(p.poll() is None for p in live.processes.values()):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()


if __name__ == "__main__":
    main()
