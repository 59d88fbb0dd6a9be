#!/usr/bin/env python
"""Thin wrapper: `python scripts/evaluate.py --gold data/gold/articles.jsonl` == `qa eval ...`."""

import sys

from qa.cli import main

if __name__ == "__main__":
    sys.argv = ["qa", "eval", *sys.argv[1:]]
    main()
