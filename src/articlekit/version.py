"""The package version, in a module of its own so low layers (fetch) can read it."""

__version__ = "0.1.0"
