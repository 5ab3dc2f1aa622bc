"""articlekit on Dask (needs the optional extra: `pip install 'articlekit[dask]'`).

    import dask.bag as db
    import articlekit.dask

    pages = db.from_sequence([{"id": "a", "url": "https://...", "html": html}, ...], npartitions=8)
    records = articlekit.dask.extract_bag(pages)          # bag of output records (dicts)
    # or: pages.map_partitions(articlekit.dask.extract_partition)
    # dask.dataframe: ddf.map_partitions(articlekit.dask.extract_frame, meta=articlekit.dask.frame_meta())

`articlekit batch INPUT... -o OUT --dask SCHEDULER_ADDRESS` runs a whole batch on a cluster.
"""

from __future__ import annotations

from .batch.dask import extract_bag, extract_chunk, extract_frame, extract_partition, frame_meta, run_on_dask

__all__ = ["extract_bag", "extract_chunk", "extract_frame", "extract_partition", "frame_meta", "run_on_dask"]
