"""Batch cleaning: many pages in, one output record per input record."""
