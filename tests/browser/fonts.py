"""The fonts a browser renders with: the machine's own, or the same without any CJK font.

CI installs the Noto CJK fonts (.ci/run), a minimal Debian has no CJK font at all, and a
visitor's device has whatever it has: a layout that holds only with some font's glyph
widths or line heights breaks for someone. So the font-sensitive checks
(test_mobile.py) run twice: in a Chromium using the machine's fonts, and in one whose
fontconfig hides every font that covers Japanese, Chinese or Korean, so that Japanese
text falls back to the .notdef boxes of a Latin font (DejaVu on Debian) — what a browser
without CJK fonts draws. Nothing is uninstalled: the second Chromium gets a fontconfig
file of its own (FONTCONFIG_FILE) that includes the machine's configuration and rejects
those fonts (<selectfont><rejectfont>).

Our own code because no library does this: it is a few lines of fontconfig, and the
check that the fonts really are hidden asks Chromium itself (the DevTools protocol's
CSS.getPlatformFontsForNode) which fonts rendered a node.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# fontconfig language tags: a font claiming any of them covers the Han ideographs.
CJK_LANGS = ("ja", "ko", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg")

FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- The machine's fonts without the CJK ones, for tests/browser (tests/browser/fonts.py). -->
<fontconfig>
  <include ignore_missing="no">{base}</include>
  <selectfont>
    <rejectfont>
{patterns}
    </rejectfont>
  </selectfont>
</fontconfig>
"""
PATTERN = '      <pattern><patelt name="lang"><string>{lang}</string></patelt></pattern>'


def write_fontconfig_without_cjk(directory: Path) -> Path:
    """A fontconfig file: the configuration fontconfig would load, minus the CJK fonts.

    It includes FONTCONFIG_FILE when the environment sets one, otherwise fonts.conf,
    which fontconfig finds in its own configuration directory (or FONTCONFIG_PATH).
    """
    base = os.environ.get("FONTCONFIG_FILE") or "fonts.conf"
    if base != "fonts.conf":
        base = str(Path(base).resolve())
    path = directory / "fonts-without-cjk.conf"
    patterns = "\n".join(PATTERN.format(lang=lang) for lang in CJK_LANGS)
    path.write_text(FONTCONFIG.format(base=base, patterns=patterns))
    return path


def env_without_cjk(directory: Path) -> dict[str, str]:
    """The environment for a Chromium that cannot find any CJK font."""
    return {**os.environ, "FONTCONFIG_FILE": str(write_fontconfig_without_cjk(directory))}


def cjk_families(env: dict[str, str] | None = None) -> set[str]:
    """Font families fontconfig offers for any CJK language, per fc-list (fontconfig's tool)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    families = set()
    for lang in CJK_LANGS:
        result = subprocess.run(  # noqa: S603 - fixed argv
            [fc_list, f":lang={lang}", "family"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=env,
        )
        # One line per font, names comma-separated: "Noto Sans CJK JP,Noto Sans CJK JP Bold".
        families.update(n.strip() for line in result.stdout.splitlines() for n in line.split(","))
    return families


def rendering_fonts(page, selector: str) -> dict[str, int]:
    """The platform fonts Chromium drew the text of ``selector`` with: family -> glyphs."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}
