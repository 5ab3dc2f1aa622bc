"""`articlekit batch`: placeholder wiring until the batch runner lands."""

from __future__ import annotations

import argparse
from typing import Any


def add_batch_parser(sub: Any) -> None:
    """Register the `batch` sub-command."""


def run_batch(args: argparse.Namespace) -> int:
    return 2
