"""The web form as a person uses it: Debian's chromium driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parent.parent / "docs"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(
        "chromium is not installed (`apt-get install chromium`; `make test` tries)",
        allow_module_level=True,
    )

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _assert_rendered(path: Path, size: tuple[int, int]) -> None:
    """The screenshot is the viewport and shows a page, not a blank or single-colour frame."""
    pil = pytest.importorskip("PIL")
    from PIL import Image, ImageStat

    assert pil
    image = Image.open(path)
    assert image.size == size
    grey = image.convert("L")
    assert len(grey.getcolors(maxcolors=256) or range(256)) > 16  # text is anti-aliased
    assert ImageStat.Stat(grey).var[0] > 100  # not a flat fill


def test_ask_in_the_form_and_open_the_cited_article(browser, live_server, tmp_path):
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto(live_server + "/")
    page.fill("input[name=q]", "what was said about weapons supply?")
    page.click("button[type=submit]")
    page.wait_for_selector("section.group")
    groups = page.locator("section.group")
    assert groups.count() >= 4
    titles = [groups.nth(i).locator("h2").inner_text() for i in range(groups.count())]
    assert "China says it’s open to more military cooperation with Russia" in titles
    assert all(t.strip() for t in titles)
    assert page.locator("section.group .source").count() == groups.count()
    marks = page.locator("blockquote.passage mark").all_inner_texts()
    assert len(marks) >= 3
    assert "weapon" in marks[0].lower()
    # Each marked sentence is a piece of its own passage's text, not stray markup.
    for quote in page.locator("blockquote.passage").all():
        text = " ".join(quote.inner_text().split())
        for mark in quote.locator("mark").all_inner_texts():
            assert " ".join(mark.split()) in text
    shot = tmp_path / "form.png"
    page.screenshot(path=str(shot), full_page=False)
    _assert_rendered(shot, (1100, 1400))
    if os.environ.get("QA_UPDATE_SCREENSHOT"):
        shutil.copy(shot, DOCS / "screenshot.png")
    # The citation link opens the article with the cited span marked.
    page.locator("a", has_text="open in article").first.click()
    page.wait_for_selector("mark.cited")
    cited = " ".join(page.locator("mark.cited").all_inner_texts())
    assert len(cited) > 50
    page.close()
