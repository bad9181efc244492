"""The bench's end-to-end measurement runs the stages the way ``compare_articles`` does."""

from __future__ import annotations

from pathlib import Path

from compare import compare_articles
from compare.ingest import articles_from_texts
from dev.bench.run import REPORTS, STAGES, flat_document, report_cpu, staged_compare

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def test_staged_compare_gives_the_report_of_compare_articles():
    articles = articles_from_texts([p.read_text(encoding="utf-8") for p in SEEDS])
    result, cpu = staged_compare(articles)
    assert result.to_dict() == compare_articles(articles).to_dict()
    assert list(cpu) == list(STAGES) and all(t >= 0 for t in cpu.values())


def test_staged_compare_on_one_paragraph_with_unpaired_quotation_marks():
    lines = [line for p in SEEDS for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [flat_document(["\n".join(lines)], 60, 1), flat_document(["\n".join(lines)], 60, 2)]
    assert "\n" not in texts[0].strip()
    articles = articles_from_texts(texts)
    result, _ = staged_compare(articles)
    assert result.to_dict() == compare_articles(articles).to_dict()


def test_report_cpu_renders_every_report_of_the_result():
    """The end-to-end rows time each report the command prints (the table's last columns)."""
    articles = articles_from_texts([p.read_text(encoding="utf-8") for p in SEEDS])
    result, _ = staged_compare(articles)
    times = report_cpu(result)
    assert sorted(times) == sorted(f"cpu_report_{r}" for r in REPORTS)
    assert all(t >= 0 for t in times.values())
