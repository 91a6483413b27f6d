"""axe-core in the page: the WCAG 2.x A and AA rules, and the results record.

axe is injected as a script, so it runs in a context with bypass_csp=True; every other
check runs under the site's real Content-Security-Policy.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

from .servers import ROOT

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS_FILE = ROOT / "docs" / "accessibility-results.json"

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def violations(page, axe_js: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_js))
    return page.evaluate(RUN_AXE, TAGS)


def describe(found: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found
    )


def axe_version(axe_js: Path) -> str:
    package = json.loads((axe_js.parent / "package.json").read_text())
    return package["version"]


def chromium_version(chromium: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argv
        [chromium, "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return result.stdout.strip()


def write_results(pages: list[dict], axe_js: Path, chromium: str, today: date) -> None:
    """The record the ウェブアクセシビリティ方針 page shows (docs/accessibility.md)."""
    record = {
        "standard": "JIS X 8341-3:2016",
        "target_level": "AA",
        "conformance": "準拠",
        "test_date": today.isoformat(),
        "tool": f"axe-core {axe_version(axe_js)}",
        "browser": chromium_version(chromium),
        "rules": TAGS,
        "result": "pass" if all(p["violations"] == 0 for p in pages) else "fail",
        "pages": pages,
    }
    RESULTS_FILE.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
