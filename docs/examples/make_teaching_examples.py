"""Regenerate the class-material examples: `python docs/examples/make_teaching_examples.py`.

Writes the teaching note of Istanbul 2022 (for 22 students) and Ukraine's packet for it, in HTML
and Markdown, through `redlines teach` and `redlines packet`; then, if Chromium is installed,
a screenshot of each HTML page (the first 1200 x 1600 pixels). Deterministic apart from the PNGs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from game.cli import main

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"


def screenshot(page: Path, png: Path) -> None:
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--hide-scrollbars", f"--screenshot={png}",
         "--window-size=1200,1600", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def main_() -> None:
    outputs = []
    for fmt in ("html", "md"):
        note = HERE / f"teach-istanbul-2022.{fmt}"
        packet = HERE / f"packet-istanbul-2022-ukraine.{fmt}"
        for path in (note, packet):
            path.unlink(missing_ok=True)  # the commands refuse nothing, but start clean
        main(["teach", "istanbul-2022", "--students", "22", "--format", fmt, "--out", str(note)])
        main(["packet", "istanbul-2022", "--role", "ukraine", "--format", fmt,
              "--out", str(packet)])
        outputs += [note, packet]
    if shutil.which(CHROMIUM):
        for page in outputs:
            if page.suffix == ".html":
                screenshot(page, page.with_suffix(".png"))


if __name__ == "__main__":
    main_()
