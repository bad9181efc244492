"""The HTML report, read back with the standard library's HTML parser (the browser test drives it)."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.model import UnitKind
from compare.report.html import render
from tests.report_fakes import build, three_sources


class Page(HTMLParser):
    """Collects the elements (tag, attributes), the text of each source column, and raw
    ``<style>`` / ``<script>`` contents of a rendered page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.columns: dict[str, str] = {}
        self.unit_text: dict[str, str] = {}
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self.text: list[str] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._column: str | None = None
        self._depth = 0
        self._unit: str | None = None
        self._raw: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in ("meta", "link", "br", "img", "input"):
            return
        self._stack.append((tag, a))
        if tag in self.raw:
            self._raw = tag
        if tag == "article" and (a.get("id") or "").startswith("src-"):
            self._column = a["id"][4:]
            self.columns[self._column] = ""
            self._depth = len(self._stack)
        if tag == "span" and a.get("data-unit"):
            self._unit = a["data-unit"]
            self.unit_text[self._unit] = ""

    def handle_endtag(self, tag):
        if not self._stack:
            return
        t, _ = self._stack.pop()
        assert t == tag, f"</{tag}> closes <{t}>"
        if tag == "span":
            self._unit = None
        if tag in self.raw:
            self._raw = None
        if tag == "article" and len(self._stack) < self._depth:
            self._column = None

    def handle_data(self, data):
        if self._raw:
            self.raw[self._raw].append(data)
            return
        self.text.append(data)
        if self._unit is not None:
            self.unit_text[self._unit] += data
        if self._column is not None and self._in_text_div():
            self.columns[self._column] += data

    def _in_text_div(self) -> bool:
        return any(t == "div" and a.get("class") == "text" for t, a in self._stack)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.elements if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def classes(self, unit_id: str) -> set[str]:
        (a,) = self.find("span", data_unit=unit_id)
        return set((a.get("class") or "").split())


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


class TestSelfContained:
    def test_no_external_resources(self):
        """No element loads anything from elsewhere: no src, no stylesheet link, no http(s) URL in attributes."""
        page = Page(render(three_sources()))
        for tag, attrs in page.elements:
            assert "src" not in attrs, tag
            for name, value in attrs.items():
                if name in ("href", "action", "data", "poster"):
                    assert value and (value.startswith("#") or value.startswith("data:")), (tag, name, value)
        assert not page.find("link", rel="stylesheet")

    def test_csp_allows_exactly_the_inline_style_and_script(self):
        """The page's Content-Security-Policy blocks all requests and names its style and script by hash."""
        out = render(three_sources())
        page = Page(out)
        (meta,) = page.find("meta", http_equiv="Content-Security-Policy")
        csp = meta["content"] or ""
        assert "default-src 'none'" in csp
        style = "".join(page.raw["style"])
        script = "".join(page.raw["script"])
        assert f"style-src {_csp_hash(style)}" in csp
        assert f"script-src {_csp_hash(script)}" in csp
        assert len(page.find("script")) == 1 and len(page.find("style")) == 1


class TestArticles:
    def test_columns_reproduce_each_article(self):
        """Each source column's text is the article's text exactly, in source order."""
        c = three_sources()
        page = Page(render(c))
        assert list(page.columns) == [a.id for a in c.sources]
        for a in c.sources:
            assert page.columns[a.id] == a.text

    @settings(max_examples=40, deadline=None)
    @given(
        st.lists(
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
            min_size=1,
            max_size=4,
        ),
        st.text(alphabet="<>&\"' /!-ab", min_size=1, max_size=20),
    )
    def test_any_text_is_escaped(self, sentences, label):
        """Whatever the text and labels hold (markup, quotes, ``</script>``), the page parses back to it."""
        sentences = [*sentences, "</script><script>alert(1)</script>"]
        c = build({"A": sentences, "B": ["<!-- x -->"]}, labels={"A": label, "B": label})
        page = Page(render(c))
        assert page.columns["A"] == c.sources[0].text
        assert page.columns["B"] == c.sources[1].text
        assert len(page.find("script")) == 1
        assert sum(1 for t in page.text if label in t) >= 2

    def test_units_carry_their_groups_and_verdict(self):
        """Each unit span lists the groups it belongs to and is coloured by its strongest verdict."""
        c = three_sources()
        page = Page(render(c))
        for u in c.units:
            (a,) = page.find("span", data_unit=u.id)
            groups = [g.id for g in c.groups if u.id in g.units]
            assert (a.get("data-groups") or "").split() == groups
            assert page.unit_text[u.id] == u.text
        assert "v-differ" in page.classes("A0") and "v-agree" in page.classes("A1") and "v-only" in page.classes("A2")

    def test_differ_outranks_agree_for_a_unit_in_two_groups(self):
        """A unit in an agree group and a differ group is coloured as differ."""
        c = build(
            {"A": ["Two facts in one."], "B": ["First fact.", "Second fact."]},
            [("agree", ["A0", "B0"], []), ("differ", ["A0", "B1"], [])],
        )
        classes = Page(render(c)).classes("A0")
        assert "v-differ" in classes and "v-agree" not in classes

    def test_bylines_are_not_selectable(self):
        """A byline is shown but not focusable; sentences are."""
        c = build(
            {"A": ["By Jo Smith", "Text."], "B": ["Text."]},
            [("agree", ["A1", "B0"], [])],
            kinds={"A0": UnitKind.BYLINE},
        )
        page = Page(render(c))
        (byline,) = page.find("span", data_unit="A0")
        (sentence,) = page.find("span", data_unit="A1")
        assert "tabindex" not in byline and sentence.get("tabindex") == "0"


class TestSections:
    def test_differences_listed_with_links(self):
        """The differences section names each conflicting detail and links to every member unit."""
        c = three_sources()
        out = render(c)
        section = out[out.index('<section id="differences">') : out.index("</section>", out.index('id="differences"'))]
        assert "number: &#x27;3&#x27; in A, &#x27;4&#x27; in C" in section
        for uid in c.groups[0].units:
            assert f'href="#u-{uid}"' in section

    def test_omissions_ranked_and_single_source_lists(self):
        """Facts left out by some sources come ranked; each source's single-source facts follow."""
        page = Page(render(three_sources()))
        text = "".join(page.text)
        assert "reported by 2 of 3 (A, B); left out by C" in text
        for s in "ABC":
            assert page.find("h3", id=f"only-{s}")

    def test_matrix_for_three_sources(self):
        """With three sources the coverage matrix has a row per fact and a cell per source."""
        out = render(three_sources())
        page = Page(out)
        cells = [a.get("class") for a in page.find("td") if (a.get("class") or "").startswith("cell ")]
        assert cells[:3] == ["cell c-reported", "cell c-reported", "cell c-different"]
        assert len(cells) == 5 * 3

    def test_no_matrix_for_two_sources(self):
        """With two sources there is no matrix section."""
        out = render(build({"A": ["One."], "B": ["Two."]}))
        assert 'id="coverage"' not in out
        assert re.search(r"<html lang=\"en\">", out)


class TestOrder:
    def test_summary_differences_then_articles(self):
        """The page opens with the summary (a line per pair) and the differences, then the articles,
        then what both report and what each leaves out."""
        out = render(three_sources())
        order = [out.index(x) for x in ('class="pairs"', 'id="differences"', 'id="articles"', 'id="shared"',
                                        'id="omissions"')]  # fmt: skip
        assert order == sorted(order)
        assert "A–B" in out and "B–C" in out

    def test_differing_values_marked(self):
        """Each wording of a conflicting fact marks its own value."""
        out = render(three_sources())
        section = out[out.index('id="differences"') : out.index('id="articles"')]
        assert "closed on <mark>3</mark> May" in section and "closed on <mark>4</mark> May" in section

    def test_long_lists_fold_past_top(self):
        """Past ten rows a list folds into a <details> block, unless the detail is full."""
        from compare.options import Detail, ReportOptions

        c = build({"A": [f"Fact {i}." for i in range(13)], "B": ["Other."]})
        out = render(c)
        section = out[out.index('id="only-A"') :]
        assert "<details><summary>3 more</summary>" in section
        assert "<details>" not in render(c, ReportOptions(detail=Detail.FULL))
