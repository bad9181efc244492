"""``python -m compare`` runs the command-line interface."""

from __future__ import annotations

from compare.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
