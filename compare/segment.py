"""Split an :class:`Article` into units: sentences, with quotations kept whole.

Sentence boundaries come from blingfire (a finite-state sentence breaker that keeps exact
character offsets and handles abbreviations such as "U.S." and "E.U."); the README says how it
was chosen over pysbd and syntok. Paragraphs
(line breaks) always end a unit. A quotation that runs over several sentences stays one unit
together with its attribution. The first short line without final punctuation is a headline;
lines right after it that are very short or look like an author, outlet or date line are
bylines, which are never matched; other unpunctuated lines there are sub-headlines.
"""

from __future__ import annotations

import re

from compare.model import Article, Unit, UnitKind

_LINE = re.compile(r"[^\r\n]+")
_FINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$|[\"”]\s*$")
_BYLINE = re.compile(
    r"^(by\s|published|updated|posted|first published|last updated|\(?[A-Z][A-Za-z .]+\)?\s*[:|-]\s*$)"
    r"|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b.*\b(?:am|pm|gmt|utc|e[sd]t|p[sd]t)\b",
    re.IGNORECASE,
)
_HEADLINE_MAX_WORDS = 25
_BYLINE_MAX_WORDS = 4
_OPEN = "“"
_CLOSE = "”"


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph), trimmed of white space.

    blingfire gives character offsets into the string it was given, so spans map back exactly.
    """
    import blingfire

    para = text[start:end]
    if not para.strip():
        return []
    spans: list[tuple[int, int]] = []
    _, offsets = blingfire.text_to_sentences_and_offsets(para)
    for s, e in offsets:
        piece = para[s:e]
        s += len(piece) - len(piece.lstrip())
        e -= len(piece) - len(piece.rstrip())
        if e > s:
            spans.append((start + s, start + e))
    if not spans:  # nothing recognised as a sentence: the paragraph is one unit
        s = len(para) - len(para.lstrip())
        spans.append((start + s, start + len(para.rstrip())))
    return spans


def _merge_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join consecutive sentences while a quotation opened in the first is still open."""
    out: list[tuple[int, int]] = []
    depth = 0
    straight_open = False
    for s, e in spans:
        piece = text[s:e]
        if out and (depth > 0 or straight_open):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
        depth = max(0, depth + piece.count(_OPEN) - piece.count(_CLOSE))
        if piece.count('"') % 2:
            straight_open = not straight_open
    return out


def _words(s: str) -> int:
    return len(s.split())


def segment(article: Article) -> list[Unit]:
    """Split an article into units with exact character offsets.

    Parameters
    ----------
    article:
        The source to split.

    Returns
    -------
    list[Unit]
        Units in reading order; ``article.text[u.start:u.end] == u.text`` for each.
    """
    text = article.text
    units: list[Unit] = []
    seen_body = False
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        s = m.start() + len(line) - len(line.lstrip())
        e = m.start() + len(line.rstrip())
        stripped = text[s:e]
        kind = UnitKind.SENTENCE
        if not seen_body and not _FINAL.search(stripped):
            if not units and _words(stripped) <= _HEADLINE_MAX_WORDS:
                kind = UnitKind.HEADLINE
            elif units and (_words(stripped) <= _BYLINE_MAX_WORDS or _BYLINE.search(stripped)):
                kind = UnitKind.BYLINE
            elif units and _words(stripped) <= _HEADLINE_MAX_WORDS:
                kind = UnitKind.HEADLINE  # a second title line (sub-headline)
        if kind is not UnitKind.SENTENCE:
            units.append(_unit(article, len(units), s, e, kind))
            continue
        seen_body = True
        for us, ue in _merge_quotes(text, _sentence_spans(text, s, e)):
            units.append(_unit(article, len(units), us, ue, UnitKind.SENTENCE))
    return units


def _unit(article: Article, index: int, start: int, end: int, kind: UnitKind) -> Unit:
    return Unit(
        id=f"{article.id}{index}",
        source=article.id,
        index=index,
        start=start,
        end=end,
        text=article.text[start:end],
        kind=kind,
    )
