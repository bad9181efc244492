"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver`` packages) driven by selenium. The page must render without console errors,
make no network request, and highlight a unit's counterparts when it is selected.

Skipped, with the reason, only when Chromium or its driver is not installed (``.ci/run``
installs both when it runs as root).
"""

from __future__ import annotations

import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from compare import compare_texts
from compare.report.html import render
from tests.report_fakes import build, three_sources

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000")  # fmt: skip


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module, with a fresh profile and the console log captured."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.skip(f"Chromium not installed ({', '.join(missing)} missing): apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def open_page(browser, tmp_path):
    """Write a comparison's HTML report to a file, load it, and clear the console log."""

    def load(comparison):
        path = tmp_path / "report.html"
        path.write_text(render(comparison), encoding="utf-8")
        browser.get_log("browser")  # drop what earlier pages logged
        browser.get(path.as_uri())
        return browser

    return load


def _errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _classes(driver, unit_id):
    return set((driver.find_element(By.ID, f"u-{unit_id}").get_attribute("class") or "").split())


class TestRenders:
    def test_no_console_errors_and_script_ran(self, open_page):
        """The page loads with an empty error log and its script runs (the CSP lets it)."""
        d = open_page(three_sources())
        assert d.find_element(By.ID, "status").text == "Nothing selected."
        assert _errors(d) == []

    def test_real_comparison_renders_cleanly(self, open_page):
        """A comparison from the pipeline, hostile text included, renders with no console error."""
        texts = [
            "The council approved the budget on Monday. Critics said <script>alert(1)</script> was a joke.",
            'On Monday the council approved the budget. Residents & traders protested "loudly".',
            "The council approved the budget on Monday. Turnout was 40%.",
        ]
        d = open_page(compare_texts(texts, labels=["<b>one</b>", "two's", 'th"ree']))
        assert _errors(d) == []
        assert d.execute_script("return document.querySelectorAll('img, script[src], iframe').length") == 0
        assert "<script>alert(1)</script>" in d.find_element(By.ID, "src-A").text
        assert d.execute_script("return document.title") == "Source comparison: <b>one</b>, two's, th\"ree"

    def test_no_network_requests(self, open_page):
        """The page fetches nothing: no resource entries in the performance timeline."""
        d = open_page(three_sources())
        assert d.execute_script("return performance.getEntriesByType('resource').length") == 0

    def test_columns_side_by_side(self, open_page):
        """The sources' columns sit next to each other, left to right in source order."""
        d = open_page(three_sources())
        xs = [d.find_element(By.ID, f"src-{s}").location["x"] for s in "ABC"]
        ys = {d.find_element(By.ID, f"src-{s}").location["y"] for s in "ABC"}
        assert xs == sorted(xs) and len(set(xs)) == 3 and len(ys) == 1


class TestSelection:
    def test_click_highlights_counterparts(self, open_page):
        """Clicking a unit marks it selected and its counterparts in the other sources, nothing else."""
        d = open_page(three_sources())
        d.find_element(By.ID, "u-A1").click()
        assert "selected" in _classes(d, "A1")
        assert "counterpart" in _classes(d, "B1")
        highlighted = {e.get_attribute("id") for e in d.find_elements(By.CSS_SELECTOR, ".selected, .counterpart")}
        assert highlighted == {"u-A1", "u-B1"}
        assert "B1" in d.find_element(By.ID, "status").text
        assert _errors(d) == []

    def test_click_again_and_escape_clear(self, open_page):
        """A second click on the pinned unit, or Escape, clears the highlight."""
        d = open_page(three_sources())
        unit = d.find_element(By.ID, "u-A0")
        unit.click()
        assert {"counterpart"} <= _classes(d, "B0") and {"counterpart"} <= _classes(d, "C0")
        ActionChains(d).move_to_element(d.find_element(By.TAG_NAME, "h1")).perform()
        unit.click()
        ActionChains(d).move_to_element(d.find_element(By.TAG_NAME, "h1")).perform()
        assert not d.find_elements(By.CSS_SELECTOR, ".selected, .counterpart")
        unit.click()
        ActionChains(d).send_keys(Keys.ESCAPE).perform()
        ActionChains(d).move_to_element(d.find_element(By.TAG_NAME, "h1")).perform()
        assert not d.find_elements(By.CSS_SELECTOR, ".selected, .counterpart")

    def test_hover_highlights_counterparts(self, open_page):
        """Hovering a unit highlights its counterparts; moving away restores the pinned state."""
        d = open_page(three_sources())
        ActionChains(d).move_to_element(d.find_element(By.ID, "u-B1")).perform()
        assert "counterpart" in _classes(d, "A1")
        ActionChains(d).move_to_element(d.find_element(By.TAG_NAME, "h1")).perform()
        assert "counterpart" not in _classes(d, "A1")

    def test_unit_of_two_groups_lights_both(self, open_page):
        """A sentence carrying two facts highlights the counterparts of both."""
        c = build(
            {
                "A": ["The mayor resigned and the council dissolved."],
                "B": ["The mayor resigned.", "The council dissolved."],
            },
            [("agree", ["A0", "B0"], []), ("agree", ["A0", "B1"], [])],
        )
        d = open_page(c)
        d.find_element(By.ID, "u-A0").click()
        assert "counterpart" in _classes(d, "B0") and "counterpart" in _classes(d, "B1")

    def test_keyboard_selects(self, open_page):
        """Tabbing to a unit highlights its counterparts; Enter pins it."""
        d = open_page(three_sources())
        d.execute_script("document.getElementById('u-C0').focus()")
        assert "counterpart" in _classes(d, "A0")
        ActionChains(d).send_keys(Keys.ENTER).perform()
        d.execute_script("document.getElementById('u-C0').blur()")
        assert "counterpart" in _classes(d, "A0") and "selected" in _classes(d, "C0")

    def test_reference_link_selects_the_unit(self, open_page):
        """A unit link in the differences list selects that unit and highlights its counterparts."""
        d = open_page(three_sources())
        link = d.find_element(By.CSS_SELECTOR, '#differences a.ref[data-unit="C0"]')
        d.execute_script("arguments[0].scrollIntoView()", link)
        link.click()
        assert "selected" in _classes(d, "C0")
        assert "counterpart" in _classes(d, "A0")

    def test_click_scrolls_counterpart_into_its_column(self, open_page):
        """Pinning a unit scrolls each other column so that the counterpart is visible."""
        filler = [f"Filler sentence number {i} about nothing in particular." for i in range(120)]
        c = build({"A": ["The dam burst at noon.", *filler[:5]], "B": [*filler, "The dam burst at noon."]},
                  [("agree", ["A0", "B120"], [])])  # fmt: skip
        d = open_page(c)
        d.find_element(By.ID, "u-A0").click()
        visible = d.execute_script(
            "var u = document.getElementById('u-B120'), box = u.closest('.text');"
            "var a = u.getBoundingClientRect(), b = box.getBoundingClientRect();"
            "return box.scrollTop > 0 && a.top >= b.top && a.bottom <= b.bottom;"
        )
        assert visible


class TestLayout:
    def test_summary_and_differences_open_the_page(self, open_page):
        """The summary and the differences sit above the side-by-side articles, the differing
        values visibly marked."""
        d = open_page(three_sources())
        y = {k: d.find_element(By.CSS_SELECTOR, sel).location["y"]
             for k, sel in (("summary", "header table.sources"), ("differences", "#differences"),
                            ("articles", "#articles"))}  # fmt: skip
        assert y["summary"] < y["differences"] < y["articles"]
        marks = d.find_elements(By.CSS_SELECTOR, "#differences mark")
        assert {m.text for m in marks} == {"3", "4"}
        assert all(m.is_displayed() and m.size["width"] > 0 for m in marks)
        assert _errors(d) == []
