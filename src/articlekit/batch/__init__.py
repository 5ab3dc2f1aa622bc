"""Batch cleaning: many pages in, exactly one output record per input record.

    from articlekit.batch import extract_many
    for result in extract_many(pages, workers=None):   # every core; in input order
        result.id, result.status, result.to_dict()

See docs/batch.md, and `articlekit batch --help` for the command line.
"""

from .inputs import Fields, read_records
from .records import CRASH, TIMEOUT, Failure, Record, Result
from .run import Counts, extract_many

__all__ = ["CRASH", "TIMEOUT", "Counts", "Failure", "Fields", "Record", "Result", "extract_many", "read_records"]
