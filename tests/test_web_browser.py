"""End to end in a real headless Chromium: `marsad serve` over the seeds, driven by Playwright.

Uses Debian's chromium (tools/install_browser.sh installs it; Playwright never downloads a
browser here). Each test loads a page as a person would, checks what is drawn, and saves a
screenshot to docs/screenshots/ (shown in the README and docs/web.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, SEEDS

CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'marsad[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (web extra)")
if not CHROMIUM:
    pytest.skip("no chromium on PATH: run tools/install_browser.sh", allow_module_level=True)
if not SEEDS.is_dir():
    pytest.skip("../shared/seeds not present", allow_module_level=True)

from test_web_api import XSS_PAGE, build_db  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVE = "from marsad.cli import main; from marsad.cli_web import register; register(main); main()"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PAK_MEETING = "2025-01-20"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, log: Path) -> Iterator[str]:
    """`marsad --db DB serve --port P` in a child process; yields its URL, stops it after."""
    port = _free_port()
    with open(log, "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", SERVE, "--db", db, "serve", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=err)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/stats.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"marsad serve exited: {log.read_text()}")
                time.sleep(0.2)
        else:
            pytest.fail(f"marsad serve did not answer on {url}: {log.read_text()}")
        assert f"at {url}/" in log.read_text()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    yield from _serve(build_db(folder / "seeds.db", [SEEDS]), folder / "serve.log")


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("xss-browser")
    (folder / "xss_page.txt").write_text(XSS_PAGE, encoding="utf-8")
    yield from _serve(build_db(folder / "xss.db", [folder], hostile=True), folder / "serve.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A fresh desktop page that fails the test on any request leaving the server or any dialog."""
    context = browser.new_context(viewport=DESKTOP, locale="ar")
    tab = context.new_page()
    outside, dialogs = [], []
    tab.on("request", lambda r: None if r.url.startswith(server) else outside.append(r.url))
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    assert not outside, f"requests left the server: {outside}"
    assert not dialogs, f"a script ran: {dialogs}"


def shot(tab, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_events_page_filter_by_country_and_open_the_event(page, server: str):
    page.goto(server + "/events")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("tr.event").count() == 6
    shot(page, "events")
    page.fill("input[name=country]", "PAK")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**country=PAK**")
    rows = page.locator("tr.event")
    assert rows.count() == 1
    assert rows.first.locator("td.date").inner_text().strip() == PAK_MEETING
    assert rows.first.locator("td.num").inner_text().strip() == "2"
    assert "باكستان" in page.locator("ul.chips").inner_text()
    shot(page, "events-pak")
    rows.first.locator("td.date a").click()
    page.wait_for_url("**/events/*")
    marks = page.locator("mark.evidence")
    assert marks.count() == 2
    quotes = page.locator("blockquote.evidence-quote")
    for n in range(2):
        assert marks.nth(n).is_visible()
        assert marks.nth(n).inner_text().strip() == quotes.nth(n).inner_text().strip()
        background = marks.nth(n).evaluate("m => getComputedStyle(m).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted, not only tagged
        article = marks.nth(n).evaluate("m => m.parentElement.textContent.length")
        assert article > len(quotes.nth(n).inner_text()) + 100  # inside the whole article
    assert page.locator("table.participants tbody tr").count() == 2
    assert "042" in page.locator("table.cameo").inner_text()
    shot(page, "event")


def test_timeline_renders_stacked_bars_with_the_data(page, server: str):
    page.goto(server + "/timeline")
    bars = page.locator("svg[data-chart=timeline] rect.bar")
    assert bars.count() >= 4
    counts = bars.evaluate_all("rs => rs.map(r => +r.dataset.count)")
    assert sum(counts) == 6
    box = bars.first.bounding_box()
    assert box and box["width"] > 2 and box["height"] > 2
    assert page.locator("ul.legend li").count() >= 3
    shot(page, "timeline")
    page.click("text=الموضوع")
    page.wait_for_url("**by=topic**")
    assert page.locator("svg[data-chart=timeline] rect.bar").count() > bars.count() - 1
    shot(page, "timeline-topics")


def test_network_renders_nodes_and_weighted_edges(page, server: str):
    page.goto(server + "/network")
    nodes = page.locator("svg[data-chart=network] circle.node")
    ids = nodes.evaluate_all("cs => cs.map(c => c.dataset.id)")
    assert {"MAR", "PAK", "BEL", "ARE", "GBR", "MYS", "GAB"} <= set(ids)
    edges = page.locator("svg[data-chart=network] line[data-weight]")
    assert edges.count() >= 6
    assert all(b and b["width"] > 4 for b in (nodes.nth(i).bounding_box() for i in range(nodes.count())))
    shot(page, "network")


def test_map_shades_countries_and_places_cities(page, server: str):
    page.goto(server + "/map")
    shapes = page.locator("svg[data-chart=map] path.country")
    assert shapes.count() > 200
    shaded = page.locator("svg[data-chart=map] path.country[data-events]")
    codes = shaded.evaluate_all("ps => ps.map(p => p.dataset.code)")
    assert {"MAR", "PAK", "BEL", "ARE"} <= set(codes)
    fills = {page.locator(f"path[data-code={c}]").evaluate("p => getComputedStyle(p).fill") for c in ("MAR", "BRA")}
    assert len(fills) == 2  # a shaded country is not drawn like one without engagements
    places = page.locator("svg[data-chart=map] circle.place")
    assert places.count() == 1 and places.first.get_attribute("data-city") == "Rabat"
    assert places.first.bounding_box()["width"] > 3
    shot(page, "map")


@pytest.mark.parametrize(("name", "path", "selector"), [
    ("person", "/persons/" + quote("عبد اللطيف حموشي"), "tr.event"),
    ("country", "/countries/PAK", "tr.event"),
    ("persons", "/persons", "table.persons tbody tr"),
    ("countries", "/countries", "table.countries tbody tr"),
    ("stats", "/stats", "dl.facts dd"),
    ("docs", "/docs", "section.op"),
])
def test_other_pages_load_with_data(page, server: str, name: str, path: str, selector: str):
    page.goto(server + path)
    assert page.locator(selector).count() >= 1
    if name in {"person", "country"}:
        assert page.locator("svg[data-chart=timeline] rect.bar").count() >= 1
    shot(page, name, full=name != "docs")


def test_search_marks_the_matches(page, server: str):
    page.goto(server + "/search")
    page.fill("input[name=q]", "الاتجار بالبشر")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**q=**")
    assert page.locator("li.hit").count() >= 1
    assert page.locator("li.hit mark").first.inner_text() == "الاتجار بالبشر"
    shot(page, "search")


def test_phone_layout(browser, server: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(server + "/events?country=PAK")
    row = tab.locator("tr.event")
    assert row.count() == 1 and row.first.bounding_box()["width"] <= PHONE["width"]
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1  # nothing wider than the phone
    shot(tab, "events-phone", full=False)
    row.first.locator("td.date a").click()
    tab.wait_for_url("**/events/*")
    tab.locator("#evidence-1").scroll_into_view_if_needed()
    shot(tab, "event-phone", full=False)
    context.close()


def test_xss_payloads_are_text_in_the_browser(browser, xss_server: str):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in ("/events", "/events/xss0001", "/network?nodes=person", "/search?q=script"):
        tab.goto(xss_server + path)
        assert tab.evaluate("document.querySelectorAll('script, img, iframe, svg[onload]').length") == 0
    tab.goto(xss_server + "/events.json")
    ingested = [e["id"] for e in tab.evaluate("JSON.parse(document.body.innerText)")["events"] if e["id"] != "xss0001"]
    tab.goto(xss_server + f"/events/{ingested[0]}")
    text = tab.locator("div.article").inner_text()
    assert "<script>alert(document.cookie)</script>" in text and "onerror=alert(1)" in text
    assert "<img src=x onerror=alert(1)>" in tab.locator("mark.evidence").inner_text()
    shot(tab, "xss")
    context.close()
    assert not dialogs
