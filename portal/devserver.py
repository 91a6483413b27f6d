"""Run both tiers for development as two processes: `make run`.

The public tier and the staff tier are separate processes from day one, so the
separation is real in development too. Ctrl-C stops both.
"""

import argparse
import os
import signal
import subprocess
import sys
import time

TIERS = (("public", "portal.settings.public"), ("staff", "portal.settings.staff"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--public-port", type=int, default=8000)
    parser.add_argument("--staff-port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    ports = {"public": args.public_port, "staff": args.staff_port}

    processes = []
    for tier, settings_module in TIERS:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        command = [sys.executable, "manage.py", "runserver", f"{args.host}:{ports[tier]}"]
        processes.append(subprocess.Popen(command, env=env))  # noqa: S603 - fixed argv

    print(f"\n  公開サイト / public: http://{args.host}:{ports['public']}/", flush=True)
    print(f"  職員サイト / staff:  http://{args.host}:{ports['staff']}/admin/", flush=True)
    print("  Ctrl-C で両方を停止します / Ctrl-C stops both.\n", flush=True)

    def stop(*_):
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    return max(process.returncode or 0 for process in processes)


if __name__ == "__main__":
    sys.exit(main())
