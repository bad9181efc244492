"""A validator for the JSON report, version 1, as CONTRACT.md describes it.

``problems(report, texts)`` lists every way a report breaks the contract (empty when it is
valid); ``texts`` maps source ids to the decoded source texts so offsets can be checked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

VERDICTS = ("agree", "differ", "only")
KIND = re.compile(r"^[a-z][a-z_-]*$")
"""``differences[].kind``: a short lowercase word."""


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def problems(report: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> list[str]:
    """Every contract violation found in ``report`` (a ``to_dict()`` result), as readable lines."""
    out: list[str] = []
    for key, typ in (("version", int), ("sources", list), ("units", list), ("groups", list), ("summary", dict)):
        if not isinstance(report.get(key), typ):
            out.append(f"top-level {key!r} missing or not {typ.__name__}")
    if out:
        return out
    if report["version"] != 1:
        out.append(f"version is {report['version']!r}, not 1")
    out += _check_sources(report)
    source_ids = [s.get("id") for s in report["sources"]]
    out += _check_units(report, source_ids, texts)
    out += _check_groups(report, source_ids)
    out += _check_summary(report, source_ids)
    return out


def _check_sources(report: Mapping[str, Any]) -> list[str]:
    out = []
    counts = Counter(u.get("source") for u in report["units"])
    for s in report["sources"]:
        if not isinstance(s.get("id"), str) or not s.get("id"):
            out.append(f"source {s!r}: id missing")
            continue
        if not isinstance(s.get("label"), str):
            out.append(f"source {s['id']}: label not a string")
        if "path" not in s or not (s["path"] is None or isinstance(s["path"], str)):
            out.append(f"source {s['id']}: path missing or not a string or null")
        if not _is_int(s.get("units")) or s["units"] != counts[s["id"]]:
            out.append(f"source {s['id']}: units is {s.get('units')!r} but {counts[s['id']]} units name it")
    ids = [s.get("id") for s in report["sources"]]
    if len(ids) != len(set(ids)):
        out.append(f"source ids repeat: {ids}")
    if len(ids) < 2:
        out.append(f"{len(ids)} sources; a comparison needs two or more")
    return out


def _check_units(report: Mapping[str, Any], source_ids: list[Any], texts: Mapping[str, str] | None) -> list[str]:
    out = []
    seen: set[str] = set()
    for u in report["units"]:
        uid = u.get("id")
        if not isinstance(uid, str) or not uid:
            out.append(f"unit {u!r}: id missing")
            continue
        if uid in seen:
            out.append(f"unit id {uid} repeats")
        seen.add(uid)
        if u.get("source") not in source_ids:
            out.append(f"unit {uid}: source {u.get('source')!r} is not a source id")
        if not isinstance(u.get("text"), str) or not u["text"].strip():
            out.append(f"unit {uid}: text missing or blank")
            continue
        start, end = u.get("start"), u.get("end")
        if not (_is_int(start) and _is_int(end) and 0 <= start <= end):
            out.append(f"unit {uid}: bad offsets {start!r}..{end!r}")
            continue
        if texts is not None and u.get("source") in texts:
            got = texts[u["source"]][start:end]
            if got != u["text"]:
                out.append(f"unit {uid}: text[{start}:{end}] is {got!r}, not {u['text']!r}")
    return out


def _check_groups(report: Mapping[str, Any], source_ids: list[Any]) -> list[str]:
    out = []
    unit_source = {u.get("id"): u.get("source") for u in report["units"]}
    in_groups: Counter[str] = Counter()
    only_units: set[str] = set()
    group_ids = []
    for g in report["groups"]:
        gid = g.get("id")
        group_ids.append(gid)
        verdict, members, score = g.get("verdict"), g.get("units"), g.get("score")
        if verdict not in VERDICTS:
            out.append(f"group {gid}: verdict {verdict!r} is not one of {VERDICTS}")
        if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
            out.append(f"group {gid}: units must be a non-empty list of unit ids")
            continue
        unknown = [m for m in members if m not in unit_source]
        if unknown:
            out.append(f"group {gid}: unknown units {unknown}")
        if len(set(members)) != len(members):
            out.append(f"group {gid}: a unit is listed twice")
        in_groups.update(set(members))
        sources = {unit_source.get(m) for m in members}
        diffs = g.get("differences")
        if not isinstance(diffs, list):
            out.append(f"group {gid}: differences is not a list")
            diffs = []
        for d in diffs:
            if not (isinstance(d, dict) and isinstance(d.get("kind"), str) and KIND.match(d["kind"])):
                out.append(f"group {gid}: difference {d!r} has no lowercase kind")
                continue
            if not isinstance(d.get("detail"), str) or not d["detail"]:
                out.append(f"group {gid}: difference {d['kind']} has no detail")
            values = d.get("values")
            if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
                out.append(f"group {gid}: difference {d['kind']} values are not a dict of strings")
            elif not set(values) <= set(source_ids):
                out.append(f"group {gid}: difference {d['kind']} values name unknown sources {sorted(values)}")
        if verdict == "only":
            only_units.update(members)
            if len(members) != 1:
                out.append(f"group {gid}: an only group holds {len(members)} units")
            if score is not None:
                out.append(f"group {gid}: an only group has score {score!r}, not null")
            if diffs:
                out.append(f"group {gid}: an only group lists differences")
        elif verdict in ("agree", "differ"):
            if len(sources) < 2:
                out.append(f"group {gid}: a matched group holds units of {len(sources)} source(s)")
            if not _is_number(score) or not 0 <= score <= 100:
                out.append(f"group {gid}: score {score!r} is not a number in 0..100")
            if verdict == "differ" and not diffs:
                out.append(f"group {gid}: verdict differ but no differences named")
            if verdict == "agree" and diffs:
                out.append(f"group {gid}: verdict agree but differences named")
    if len(set(group_ids)) != len(group_ids):
        out.append("group ids repeat")
    missing = sorted(set(unit_source) - set(in_groups))
    if missing:
        out.append(f"units in no group: {missing}")
    shared = sorted(u for u in only_units if in_groups[u] > 1)
    if shared:
        out.append(f"units in an only group and in another group: {shared}")
    return out


def _check_summary(report: Mapping[str, Any], source_ids: list[Any]) -> list[str]:
    out = []
    s = report["summary"]
    verdicts = Counter(g.get("verdict") for g in report["groups"])
    for v in ("agree", "differ"):
        if s.get(v) != verdicts[v]:
            out.append(f"summary {v} is {s.get(v)!r}, but {verdicts[v]} groups say {v}")
    only = s.get("only")
    if not isinstance(only, dict) or set(only) != set(source_ids):
        return [*out, f"summary only {only!r} does not count each source"]
    units = {u.get("id"): u for u in report["units"]}
    for sid in source_ids:
        mine = [units.get(g["units"][0], {}) for g in report["groups"] if g.get("verdict") == "only" and g.get("units")]
        mine = [u for u in mine if u.get("source") == sid]
        # headlines (an extension field ``kind``) are not omitted facts, so they may go uncounted
        facts = [u for u in mine if u.get("kind", "sentence") == "sentence"]
        if not _is_int(only[sid]) or not len(facts) <= only[sid] <= len(mine):
            out.append(f"summary only {sid} is {only[sid]!r}, but {len(mine)} only groups of {sid}")
    return out


def assert_valid(report: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> None:
    """Fail with every problem listed when ``report`` breaks the contract."""
    found = problems(report, texts)
    assert not found, "the report breaks CONTRACT.md:\n  " + "\n  ".join(found)
