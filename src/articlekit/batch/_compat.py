"""Optional modules, imported by name so that type checking does not depend on them."""

from __future__ import annotations

import importlib
from typing import Any


def zstandard() -> Any:
    """The optional `zstandard` module; ImportError when it is not installed."""
    return importlib.import_module("zstandard")
