"""After verdicts: the quote ledger (``ledger``), the names and numbers tables (``mentions``) and the
coverage matrix with its counts (``coverage``)."""

from __future__ import annotations
