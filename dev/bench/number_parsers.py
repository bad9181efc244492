"""Measure spelled-out-number and date parsers on the issue's cases (docs/differences.md).

    .venv/bin/pip install number-parser quantulum3 word2number text2num dateparser
    .venv/bin/python -m dev.bench.number_parsers

Each parser gets the words of a quantity as the project's pattern finds them ("one thousand",
"twenty-five thousand", "a dozen" ...); a missing package is reported and skipped.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable

WORDS = {
    "one thousand": 1000, "twenty-five thousand": 25000, "two": 2, "forty-seven": 47, "seventy two": 72,
    "three hundred and forty two": 342, "one hundred thousand": 100000, "two million": 2000000, "eleven": 11,
    "a hundred": 100, "a dozen": 12, "fifty-fifty": None, "one and a half": None, "hundreds": None,
}  # fmt: skip
"""Words and the value a parser should give (None: not a single exact number; the parser should refuse)."""

DATES = {"June 14, 2024": (2024, 6, 14), "a week ago": -7, "two days ago": -2, "yesterday": -1, "last Friday": None,
         "14 June 2024": (2024, 6, 14), "Jun. 14": (None, 6, 14)}  # fmt: skip


def _timed_import(name: str) -> tuple[object | None, float]:
    start = time.perf_counter()
    try:
        mod = importlib.import_module(name)
    except Exception as exc:  # a broken optional install counts as missing
        print(f"  {name}: not usable ({exc.__class__.__name__}: {exc})")
        return None, 0.0
    return mod, time.perf_counter() - start


def _score(parse: Callable[[str], object]) -> tuple[int, float, list[str]]:
    right, wrong = 0, []
    for words, want in WORDS.items():
        try:
            got = parse(words)
        except Exception:
            got = None
        if got is not None:
            got = float(got)  # type: ignore[arg-type]
        ok = got == (None if want is None else float(want))
        right += ok
        if not ok:
            wrong.append(f"{words!r}={got}")
    start = time.perf_counter()
    n = 0
    for _ in range(50):
        for words in ("one thousand", "twenty-five thousand", "forty-seven", "two"):
            try:
                parse(words)
            except Exception:
                pass
            n += 1
    return right, (time.perf_counter() - start) / n * 1e6, wrong


def main() -> None:
    print(f"{len(WORDS)} spelled-out cases")
    parsers: list[tuple[str, str, Callable[[object], Callable[[str], object]]]] = [
        ("text2num", "text_to_num", lambda m: lambda w: m.text2num(w, "en")),  # type: ignore[attr-defined]
        ("number-parser", "number_parser", lambda m: m.parse_number),  # type: ignore[attr-defined]
        ("word2number", "word2number.w2n", lambda m: m.word_to_num),  # type: ignore[attr-defined]
    ]
    for label, module, make in parsers:
        mod, secs = _timed_import(module)
        if mod is None:
            continue
        right, us, wrong = _score(make(mod))
        print(f"  {label:14} right {right}/{len(WORDS)}  import {secs * 1000:.0f} ms  {us:.1f} µs/call")
        print(f"    wrong: {', '.join(wrong)}")
    mod, secs = _timed_import("quantulum3.parser")
    if mod is not None:
        start = time.perf_counter()
        try:
            mod.parse("a two-hour call")  # type: ignore[attr-defined]
            took = (time.perf_counter() - start) * 1000
            print(f"  quantulum3      import {secs * 1000:.0f} ms  first parse {took:.0f} ms")
        except Exception as exc:
            print(f"  quantulum3      import {secs * 1000:.0f} ms  parse fails: {exc.__class__.__name__}: {exc}")
    import datetime

    dp, secs = _timed_import("dateparser")
    if dp is not None:
        base = datetime.datetime(2025, 5, 20)
        dp.parse("June 1, 2020", languages=["en"])  # type: ignore[attr-defined]  # first call loads its data
        start = time.perf_counter()
        out = {d: dp.parse(d, languages=["en"], settings={"RELATIVE_BASE": base}) for d in DATES}  # type: ignore[attr-defined]
        per = (time.perf_counter() - start) / len(DATES) * 1000
        print(f"  dateparser      import {secs * 1000:.0f} ms  {per:.1f} ms/call")
        for d, v in out.items():
            print(f"    {d!r:18} -> {v}")


if __name__ == "__main__":
    main()
