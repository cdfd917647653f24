"""The web UI end to end in a real headless browser: Debian's chromium (``/usr/bin/chromium``,
which ``.ci/run`` installs with apt-get) driven by playwright's Python package, against the app
served by uvicorn on 127.0.0.1 (an ephemeral port).

* A seed (../shared/seeds, read in place): searched for, opened, its settlement amount clicked
  in the fact list; the mark it jumps to reads "$1.5 million", is on screen and flashes.
* The hostile filing (attack strings in its text, header and HTML): nothing runs, no dialog,
  no console error (a blocked inline script would log one).
* Each page is saved as a screenshot under $EIGHTK_ARTIFACTS (default: a pytest temporary
  folder); ``scripts/screenshots.py`` copies two of them to docs/img/ for the README. Those come
  from the repository's own samples only (never the seeds: no ../shared text in the repo).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import unavailable
from tests.test_web_pages import HOSTILE_ACC, build_store, make_app

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE_ACC = "0000999001-98-000012"  # the 1998 sample: a legal settlement of $2.25 million


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on 127.0.0.1, an ephemeral port; yields its URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn did not start")
        threading.Event().wait(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"no browser at {CHROMIUM} (.ci/run installs Debian's chromium with apt-get)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[dev]')")
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield b
        b.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = Path(os.environ.get("EIGHTK_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The samples and the synthetic filings, served."""
    app = make_app(build_store(tmp_path_factory.mktemp("site") / "site.db"))
    with serve(app) as url:
        yield url
    app.state.store.close()


class Watch:
    """What a page did that it must not: dialogs (alert, confirm...), console errors (a script
    the CSP blocked logs one), uncaught exceptions."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def jump(page: Any, link: Any) -> Any:
    """Click a side-list link; the element it jumps to, once flashed."""
    target = link.get_attribute("href")
    link.click()
    mark = page.locator(target)
    page.wait_for_function("id => document.getElementById(id).classList.contains('flash')", arg=target[1:])
    return mark


def test_seed_search_open_and_jump_to_the_settlement(browser: Any, artifacts: Path, seeds_dir: Path,
                                                     tmp_path: Path) -> None:
    from playwright.sync_api import expect

    app = make_app(build_store(tmp_path / "seeds.db", seeds_dir))
    try:
        with serve(app) as base:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch = Watch(page)
            page.goto(base + "/")
            page.fill("#q", "Winstar settlement")
            page.press("#q", "Enter")
            page.wait_for_url(re.compile(r"/\?q="))
            page.screenshot(path=str(artifacts / "seed-search.png"), full_page=True)
            page.locator("a.hit-title").first.click()
            page.wait_for_url(re.compile(r"/filings/"))
            link = page.locator("aside ul.facts a.jump", has_text="$1,500,000").first
            mark = jump(page, link)
            assert re.fullmatch(r"\$1\.5 million", mark.inner_text())
            expect(mark).to_be_visible()
            expect(mark).to_be_in_viewport()
            assert "fact" in (mark.get_attribute("class") or "")
            page.screenshot(path=str(artifacts / "seed-filing.png"))
            # the keyboard reaches the same place: focus the event's amount and press Enter
            amount = page.locator("li.event li", has_text="amount").locator("a.jump").first
            amount.focus()
            page.keyboard.press("Enter")
            expect(page.locator(amount.get_attribute("href"))).to_be_in_viewport()
            assert watch.dialogs == [] and watch.errors == []
    finally:
        app.state.store.close()


def test_a_vote_count_in_the_proposals_table_jumps_to_its_place(browser: Any, artifacts: Path,
                                                                  tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from tests.test_web_attributes import VOTE_ACC, vote_submission

    (tmp_path / "vote.txt").write_bytes(vote_submission())
    app = make_app(build_store(tmp_path / "votes.db", tmp_path / "vote.txt"))
    try:
        with serve(app) as base:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            watch = Watch(page)
            page.goto(base + f"/filings/{VOTE_ACC}")
            link = page.locator("aside table.attrs a.jump", has_text="1,198,002").first
            mark = jump(page, link)
            assert mark.inner_text() == "1,198,002" and "attr" in (mark.get_attribute("class") or "")
            expect(mark).to_be_in_viewport()
            page.screenshot(path=str(artifacts / "vote-filing.png"))
            assert watch.dialogs == [] and watch.errors == []
    finally:
        app.state.store.close()


def test_hostile_filing_runs_nothing(browser: Any, site: str, artifacts: Path) -> None:
    page = browser.new_page()
    watch = Watch(page)
    for url in (f"/filings/{HOSTILE_ACC}", "/?q=trojan", "/companies/0000888001"):
        page.goto(site + url)
        page.wait_for_load_state("load")
    page.goto(site + f"/filings/{HOSTILE_ACC}")
    # the attack strings are on the page as text
    assert page.get_by_text("<script>alert('quoted')</script>", exact=False).count() >= 1
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    links = page.evaluate("Array.from(document.links, a => a.protocol)")
    assert set(links) <= {"http:"}
    page.screenshot(path=str(artifacts / "hostile.png"), full_page=True)
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors


def test_screenshots_of_each_page(browser: Any, site: str, artifacts: Path) -> None:
    """Every page of the samples, at desktop and phone width; the phone's page never scrolls
    sideways. search.png and filing.png are the README's (scripts/screenshots.py)."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    watch = Watch(page)
    page.goto(site + "/?q=million&until=2004")
    page.screenshot(path=str(artifacts / "search.png"))
    page.goto(site + f"/filings/{SAMPLE_ACC}")
    mark = jump(page, page.locator("aside ul.facts a.jump", has_text="$2,250,000").first)
    expect(mark).to_be_in_viewport()
    page.screenshot(path=str(artifacts / "filing.png"))
    page.goto(site + "/companies/0000999001")
    page.screenshot(path=str(artifacts / "company.png"), full_page=True)
    page.goto(site + "/stats")
    page.screenshot(path=str(artifacts / "stats.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    for name, url in (("search", "/?q=settlement"), ("filing", f"/filings/{SAMPLE_ACC}"), ("stats", "/stats")):
        phone.goto(site + url)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        phone.screenshot(path=str(artifacts / f"phone-{name}.png"))
    assert watch.dialogs == [] and watch.errors == []
    for name in ("search", "filing", "company", "stats"):
        assert (artifacts / f"{name}.png").stat().st_size > 5000


def test_pages_read_and_jump_without_javascript(browser: Any, site: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site + "/")
    page.fill("#q", "settlement")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=settlement"))
    page.locator("a.hit-title", has_text="COPPERLINE").click()
    page.wait_for_url(re.compile(r"/filings/"))
    link = page.locator("aside ul.facts a.jump", has_text="$2,250,000").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    mark = page.locator(target)
    assert mark.inner_text() == "$2.25 million"
    expect(mark).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == target[1:]
    context.close()
