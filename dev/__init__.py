"""Development scripts: not packaged, run from the repository root (``python -m dev.<script>``)."""
