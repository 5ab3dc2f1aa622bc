"""`articlekit batch INPUT... -o OUT`: many pages in, one JSON line per input record out."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..load import MAX_BYTES
from .inputs import Fields, InputError, check_inputs, read_records, read_tasks
from .output import Writer, output_exists, prepare_resume
from .pool import default_workers
from .records import Record
from .run import Counts, extract_many, progress
from .worker import Options

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_batch_parser(sub: Any) -> None:
    """Register the `batch` sub-command."""
    p = sub.add_parser(
        "batch",
        help="extract many pages (files, directories, globs, JSONL, WARC/WET) into JSONL",
        description="Extract every page of the inputs into OUT, one JSON record per input record, "
        "in input order. Inputs: files, directories (recursive), globs of .html/.htm/.txt pages, "
        "JSONL, WARC/WET; each may be .gz/.bz2/.xz (.zst with zstandard). A count "
        "(read = ok + error + skipped) is printed on stderr at the end.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory or glob (quote it)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="JSONL output (gzip if it ends in .gz; - for stdout)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"worker processes (default: every core, here {default_workers()}; 0: in this process)")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS",
                   help="time limit per page; a page over it becomes an error record 'timeout' (default 5; 0: none)")
    p.add_argument("--resume", action="store_true", help="skip ids already in OUT and append the rest")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.add_argument("--unordered", action="store_true", help="write records as they finish, not in input order")
    p.add_argument("--explain", action="store_true", help="also write removed blocks and field provenance")
    p.add_argument("--format", choices=("json", "markdown"), default="json",
                   help="markdown: each record also carries the body as Markdown in a 'markdown' field")
    p.add_argument("--html-field", default="html", help="JSONL field holding the page (default html)")
    p.add_argument("--url-field", default="url", help="JSONL field holding the URL (default url)")
    p.add_argument("--id-field", default="id", help="JSONL field holding the id (default id; else FILE:LINE)")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=f"size limit per page (default {MAX_BYTES})")
    p.add_argument("--reader", choices=("auto", "fastwarc", "warcio"), default="auto",
                   help="WARC reader (default: fastwarc if installed, else warcio)")
    p.add_argument("--max-pages-per-worker", type=int, default=None, metavar="N",
                   help="replace each worker process after N pages (caps slow memory growth)")
    p.add_argument("--read-in-parent", action="store_true",
                   help="read .warc.gz files in the main process (default when there are fewer workers than "
                   "cores; else the workers read byte ranges of them)")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS", help="run on this Dask cluster (needs articlekit[dask])")
    p.add_argument("--chunk-size", type=int, default=16, help="records per Dask task (default 16)")


def run_batch(args: argparse.Namespace) -> int:
    out: str = args.output
    try:
        check_inputs(args.inputs)
    except InputError as exc:
        print(f"articlekit batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and out == "-":
        print("articlekit batch: --resume needs an output file", file=sys.stderr)
        return EXIT_USAGE
    if output_exists(out) and not (args.resume or args.force):
        print(f"articlekit batch: {out} exists: --resume to continue it, --force to overwrite", file=sys.stderr)
        return EXIT_USAGE
    counts = Counts()
    done = prepare_resume(out) if args.resume else set()
    fields = Fields(html=args.html_field, url=args.url_field, id=args.id_field)
    workers = default_workers() if args.workers is None else args.workers
    records: Any
    if done or args.dask or workers <= 0 or args.read_in_parent or workers < default_workers():
        # Read here: ids must be known before extraction (resume), records travel (Dask), or a core
        # is left for reading in parallel with the workers (fewer workers than cores).
        records = read_records(args.inputs, fields=fields, max_bytes=args.max_bytes, warc_reader=args.reader,
                               exclude=out)
    else:  # every core extracts: .warc.gz files are split into byte ranges the workers read themselves
        records = read_tasks(args.inputs, fields=fields, max_bytes=args.max_bytes, warc_reader=args.reader,
                             exclude=out)
    if done:
        records = _skip_done(records, done, counts)
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    results: Any
    if args.dask:
        from .dask import run_on_dask

        options = Options(timeout=timeout, max_bytes=args.max_bytes, explain=args.explain,
                          markdown=args.format == "markdown")
        results = run_on_dask(records, args.dask, options, chunk_size=max(1, args.chunk_size))
    else:
        results = extract_many(records, args.workers, timeout=timeout, max_bytes=args.max_bytes,
                               explain=args.explain, markdown=args.format == "markdown", ordered=not args.unordered,
                               max_pages_per_worker=args.max_pages_per_worker)
    writer = Writer(out, append=bool(args.resume))
    bar = progress(args.quiet)
    status = EXIT_OK
    try:
        for result in results:
            writer.write(result.line)
            counts.add(result)
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except (ImportError, RuntimeError, OSError) as exc:
        print(f"articlekit batch: {exc}", file=sys.stderr)
        status = EXIT_FAILED
    finally:
        if bar is not None:
            bar.close()
        writer.close()
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if not args.quiet or status != EXIT_OK:
        note = " (interrupted: --resume continues)" if status == EXIT_INTERRUPTED else ""
        print(f"articlekit batch: {counts.summary()}{note}", file=sys.stderr)
    return status


def _skip_done(records: Any, done: set[str], counts: Counts) -> Any:
    for record in records:
        assert isinstance(record, Record)
        if record.id in done:
            counts.resumed += 1
            continue
        yield record
