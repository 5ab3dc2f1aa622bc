"""The command line: a thin layer over the library.

Exit codes: 0 success; 1 the page could not be read or fetched (or the report not written);
2 bad usage; 3 the page was read but holds no article text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .article import Article
from .errors import ArticlekitError
from .fetch import fetch
from .pipeline import extract
from .report import html_report
from .version import __version__

EXIT_UNREADABLE, EXIT_USAGE, EXIT_NO_ARTICLE = 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    if args.command == "explain":
        return _explain(args)
    if args.command == "batch":
        from .batch.cli import run_batch

        return run_batch(args)
    parser.print_help()
    return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="articlekit", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"articlekit {__version__}")
    sub = parser.add_subparsers(dest="command")
    ex = sub.add_parser("extract", help="extract one page (file, URL or - for stdin) and print it")
    ex.add_argument("page", metavar="PAGE_OR_URL", help="a file path, an http(s) URL, or - for stdin")
    ex.add_argument("--url", help="the page's URL, when PAGE is a file (used for metadata)")
    ex.add_argument("--format", choices=("json", "text", "markdown", "html"), default="json")
    ex.add_argument("--explain", action="store_true",
                    help="also list each removed block and why, and where each field came from")
    rep = sub.add_parser("explain", help="write an HTML report: each block kept or removed and why, "
                         "where each field came from")
    rep.add_argument("page", metavar="PAGE_OR_URL", help="a file path, an http(s) URL, or - for stdin")
    rep.add_argument("--url", help="the page's URL, when PAGE is a file (used for metadata)")
    rep.add_argument("-o", "--output", metavar="FILE", default="-", help="where to write the report (default: stdout)")
    try:
        from .batch.cli import add_batch_parser
    except ImportError:  # pragma: no cover - batch is part of the package
        pass
    else:
        add_batch_parser(sub)
    return parser


def _extract(args: argparse.Namespace) -> int:
    try:
        article = _run(args.page, args.url)
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    _print(article, args.format, args.explain)
    return _status(article, args.page)


def _explain(args: argparse.Namespace) -> int:
    try:
        article = _run(args.page, args.url)
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    report = html_report(article)
    if args.output == "-":
        sys.stdout.write(report)
    else:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as exc:
            print(f"articlekit: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    return _status(article, args.page)  # 3 too, but after the report: it says why nothing was kept


def _status(article: Article, page: str) -> int:
    if not article.text:
        print(f"articlekit: no article text found in {page}", file=sys.stderr)
        return EXIT_NO_ARTICLE
    return 0


def _run(page: str, url: str | None) -> Article:
    if page == "-":
        return extract(sys.stdin.buffer, url=url)  # load reads at most max_bytes + 1
    if page.startswith(("http://", "https://")) or "://" in page:
        fetched = fetch(page)
        return extract(fetched.body, url=url or fetched.url, content_type=fetched.content_type)
    path = Path(page)
    if not path.is_file():
        from .errors import UnreadableInput

        raise UnreadableInput(f"no such file: {page}")
    return extract(path, url=url)


def _print(article: Article, fmt: str, explain: bool) -> None:
    if fmt in ("markdown", "html"):
        sys.stdout.write(article.to_markdown() + "\n" if fmt == "markdown" else article.to_html())
        return
    if fmt == "text":
        if article.title:
            print(article.title, end="\n\n")
        print(article.text)
        if explain:
            for r in article.removed:
                print(f"[removed: {r.reason}] {r.text}", file=sys.stderr)
        return
    data = article.to_dict(explain=explain)
    if not explain:
        data.pop("provenance", None)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
