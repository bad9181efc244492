"""Plain reference versions of the package's fast paths, one module per stage.

Each function here has the signature of the public function it is the oracle of (same name,
same parameters) and computes the same result the obvious way: no cache, no pre-check, no
blocking, no vectorising trick. ``tests/test_oracles.py`` runs every fast path against its
oracle, as RapidFuzz ships ``fuzz_py.py`` beside its C++ scorers and tests one against the other.
The oracles read only public names of ``compare``.
"""
