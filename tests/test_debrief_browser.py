"""The HTML debrief in headless Chromium (Debian's package): screenshot, and the charts visible."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from game.debrief import build, render
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve

pytestmark = [pytest.mark.slow, pytest.mark.needs("chromium")]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    session = Session.start(scenario, "ukraine", seed=5)
    bot = player_bot("linear", "ukraine", 5)
    while not session.finished:
        session.play(bot.move(session))
    path = tmp_path_factory.mktemp("html") / "debrief.html"
    path.write_text(render(build(session), "html"), encoding="utf-8")
    return path


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_chromium_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "debrief.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         "--window-size=1000,1400", page.as_uri()],
        check=True, capture_output=True, timeout=60,
    )
    data = shot.read_bytes()
    assert png_size(data) == (1000, 1400)
    assert len(data) > 50_000  # text, tables and charts, not a blank page


def test_charts_are_visible_without_network(page: Path) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:])
        try:
            tab = browser.new_page(viewport={"width": 1000, "height": 1400})
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(page.as_uri())
            charts = tab.evaluate("""() => Array.from(document.querySelectorAll('svg')).map(s => {
                s.scrollIntoView();
                const box = s.getBoundingClientRect();
                const line = s.querySelector('polyline');
                const mark = s.querySelector('circle, rect + rect, polygon');
                const m = mark.getBoundingClientRect();
                const hit = document.elementFromPoint(m.x + m.width / 2, m.y + m.height / 2);
                return {w: box.width, h: box.height, line: line.getTotalLength(),
                        hit: hit ? hit.namespaceURI : null,
                        label: s.getAttribute('aria-label')};
            })""")
        finally:
            browser.close()
    assert [c["label"] for c in charts] == [
        "Each party's utility across the offers", "The offers against the Pareto frontier"]
    for c in charts:
        assert c["w"] >= 600 and c["h"] >= 300
        assert c["line"] > 50
        assert c["hit"] == "http://www.w3.org/2000/svg"  # a data marker is on top, visible
    assert requests == [page.as_uri()]
