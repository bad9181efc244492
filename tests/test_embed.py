"""Static word vectors (compare.text.embed): shape, unit length, and that meaning beats shared words."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from compare.text.embed import DATA_FILE, unit_vectors

EXCHANGE = "The two sides agreed to exchange 1,000 prisoners of war on Friday."
SWAP = "Both sides agreed on Friday to swap one thousand prisoners of war."
SAME_STORY = "Russian drones struck an oil depot in the south overnight, the regional governor said."


def cos(a: str, b: str) -> float:
    v = unit_vectors([a, b])
    return float(v[0] @ v[1])


def test_shape_dtype_and_unit_rows() -> None:
    v = unit_vectors([EXCHANGE, SWAP, "truce", "", "zzqxv qqxzz", "-- !!"])
    assert v.dtype == np.float32
    assert v.shape[0] == 6 and v.shape[1] >= 32
    norms = np.linalg.norm(v, axis=1)
    np.testing.assert_allclose(norms[:3], 1.0, atol=1e-5)
    assert not v[3:].any()  # no known word: zero rows, not NaN


def test_empty_input() -> None:
    v = unit_vectors([])
    assert v.shape[0] == 0 and v.dtype == np.float32


def test_deterministic_and_independent_of_batch() -> None:
    texts = [EXCHANGE, SWAP, SAME_STORY]
    a = unit_vectors(texts)
    b = unit_vectors(texts)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(unit_vectors([SWAP])[0], a[1], atol=1e-6)


def test_case_and_curly_apostrophe_do_not_matter() -> None:
    a, b = unit_vectors(["The Kremlin’s SPOKESMAN said", "the kremlin's spokesman said"])
    np.testing.assert_allclose(a, b, atol=1e-6)


@pytest.mark.parametrize(
    ("word", "synonym", "unrelated"),
    [("swap", "exchange", "banana"), ("truce", "ceasefire", "banana"), ("truce", "cease-fire", "spreadsheet")],
)
def test_synonyms_closer_than_unrelated_words(word: str, synonym: str, unrelated: str) -> None:
    assert cos(word, synonym) > cos(word, unrelated) + 0.2


def test_paraphrase_closer_than_unrelated_sentence_of_the_same_story() -> None:
    assert cos(EXCHANGE, SWAP) > cos(EXCHANGE, SAME_STORY) + 0.2
    assert cos(EXCHANGE, SWAP) > cos(SWAP, SAME_STORY) + 0.2


def test_metadata_matches_the_file() -> None:
    data = resources.files("compare").joinpath("data")
    meta = json.loads(data.joinpath("word_vectors.json").read_text(encoding="utf-8"))
    assert meta["file"] == DATA_FILE
    with data.joinpath(DATA_FILE).open("rb") as fh, np.load(fh) as z:
        vectors, freqs = z["vectors"], z["frequencies"]
        words = bytes(z["words"]).decode("utf-8").split("\n")
    assert vectors.shape == (meta["vocabulary"]["size"], meta["dims"])
    assert len(words) == len(set(words)) == len(freqs) == vectors.shape[0]
    assert unit_vectors(["truce"]).shape[1] == meta["dims"]
    assert len(data.joinpath(DATA_FILE).read_bytes()) == meta["file_bytes"]
    assert meta["model"] == "sentence-transformers/all-MiniLM-L6-v2"
