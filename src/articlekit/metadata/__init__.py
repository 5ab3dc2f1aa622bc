"""Metadata: candidates from every source the page offers, then one resolver."""

from .candidates import Candidate
from .resolve import Metadata, resolve

__all__ = ["Candidate", "Metadata", "resolve"]
