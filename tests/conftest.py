import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from support import CI, skip_or_fail  # noqa: E402


@pytest.fixture(scope="session")
def cjk_font(tmp_path_factory):
    """A CJK font file fpdf2 can embed: a .ttf/.otf from fc-list, else the Simplified Chinese face of
    Noto CJK's .ttc extracted to an .otf (fpdf2 cannot use a collection directly)."""
    pytest.importorskip("fpdf") if not CI else __import__("fpdf")
    candidates = []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
        candidates = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    except (OSError, subprocess.SubprocessError):
        pass
    candidates.append("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    for path in candidates:
        if path.lower().endswith((".ttf", ".otf")) and os.path.exists(path):
            return path
    for path in candidates:
        if path.lower().endswith(".ttc") and os.path.exists(path):
            from fontTools.ttLib import TTCollection

            coll = TTCollection(path)
            font = next((f for f in coll.fonts if "SC" in (f["name"].getDebugName(4) or "")), coll.fonts[0])
            out = tmp_path_factory.mktemp("font") / "cjk.otf"
            font.save(str(out))
            return str(out)
    skip_or_fail("no CJK font found (install fonts-noto-cjk)")


@pytest.fixture(scope="session")
def cjk_truetype_font(tmp_path_factory):
    """A CJK font with TrueType outlines (WenQuanYi Micro Hei, Debian fonts-wqy-microhei), extracted
    from its .ttc: pdfminer reads the text fpdf2 writes with it character by character, which the
    table finder needs (with Noto's CFF outlines pdfminer sees no characters and auditor falls back
    to PDFium's plain text)."""
    pytest.importorskip("fpdf") if not CI else __import__("fpdf")
    path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    if not os.path.exists(path):
        skip_or_fail("no TrueType CJK font found (install fonts-wqy-microhei)")
    from fontTools.ttLib import TTCollection

    out = tmp_path_factory.mktemp("ttfont") / "wqy.ttf"
    TTCollection(path).fonts[0].save(str(out))
    return str(out)
