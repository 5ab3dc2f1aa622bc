"""Dask: a real LocalCluster gives the same records as the local run, record for record."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from articlekit.batch import Record, extract_many
from articlekit.cli import main
from test_batch import make_warc
from test_batch_support import html_page, text_page

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    import dask

    # allowed-failures 0: a task whose worker dies fails at once (the crash test stays quick)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40,
    ) as lc:
        yield lc


def write_inputs(tmp_path: Path) -> list[str]:
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc)
    jsonl = tmp_path / "pages.jsonl"
    with open(jsonl, "w") as f:
        for i in range(25):
            page = html_page(i) if i % 2 else text_page(i)
            f.write(json.dumps({"id": f"j{i}", "url": f"https://example.com/{i}", "html": page}) + "\n")
        f.write('{"id": "broken", "html": \n')
    return [str(warc), str(jsonl)]


def test_cli_on_dask_equals_local(tmp_path: Path, cluster: Any) -> None:
    inputs = write_inputs(tmp_path)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl.gz"
    assert main(["batch", *inputs, "-o", str(local), "--workers", "2", "--quiet"]) == 0
    assert main(["batch", *inputs, "-o", str(remote), "--dask", cluster.scheduler_address,
                 "--chunk-size", "4", "--quiet"]) == 0
    a = local.read_bytes().splitlines()
    b = gzip.decompress(remote.read_bytes()).splitlines()
    assert len(a) == 13 + 26
    assert a == b


def test_bag(cluster: Any) -> None:
    import dask.bag as db

    import articlekit.dask as akd

    items = [{"id": f"p{i}", "url": f"https://example.com/{i}", "html": html_page(i)} for i in range(10)]
    items.append({"id": "empty", "html": ""})
    expected = [r.to_dict() for r in extract_many(items, workers=0)]
    with distributed.Client(cluster) as client:
        bag = db.from_sequence(items, npartitions=3)
        got = akd.extract_bag(bag).compute(scheduler=client.get)
        assert got == expected
        assert got[-1]["status"] == "error" and got[-1]["error"]["type"] == "UnreadableInput"


def test_dataframe_partitions(cluster: Any) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import articlekit.dask as akd

    items = [{"id": f"p{i}", "url": f"https://example.com/{i}", "html": html_page(i)} for i in range(10)]
    expected = [r.to_dict() for r in extract_many(items, workers=0)]
    with distributed.Client(cluster) as client:

        frame = dd.from_pandas(pd.DataFrame(items), npartitions=2)
        out = frame.map_partitions(akd.extract_frame, meta=akd.frame_meta()).compute(scheduler=client.get)
        assert list(out["id"]) == [f"p{i}" for i in range(10)] and out["ok"].all()
        assert list(out["text"]) == [e["text"] for e in expected[:10]]


def test_dask_worker_crash_is_a_record(cluster: Any) -> None:
    from articlekit.batch.dask import run_on_dask
    from articlekit.batch.worker import Options

    records = [Record(f"r{i}", html_page(i)) for i in range(6)]
    records[2] = Record("r2", "EXIT now")
    options = Options(timeout=5.0, extractor="test_batch_support:misbehave")
    with distributed.Client(cluster) as client:
        results = list(run_on_dask(records, client, options, chunk_size=3))
    assert [r.id for r in results] == [f"r{i}" for i in range(6)]
    assert [r.status for r in results] == ["ok", "ok", "error", "ok", "ok", "ok"]
    assert results[2].error_type == "crash"


def test_partitions_carry_markdown_when_asked() -> None:
    import articlekit
    import articlekit.dask as akd

    items = [{"id": f"p{i}", "url": f"https://example.com/{i}", "html": html_page(i)} for i in range(3)]
    records = akd.extract_partition(items, markdown=True)
    assert [r["markdown"] for r in records] == [
        articlekit.extract(item["html"], url=item["url"]).to_markdown() for item in items
    ]
    assert "markdown" not in akd.extract_partition(items)[0]


def test_frames_carry_markdown_when_asked() -> None:
    pd = pytest.importorskip("pandas")
    import articlekit
    import articlekit.dask as akd

    items = [{"id": f"p{i}", "url": f"https://example.com/{i}", "html": html_page(i)} for i in range(3)]
    frame = akd.extract_frame(pd.DataFrame(items), markdown=True)
    assert list(frame["markdown"]) == [articlekit.extract(i["html"], url=i["url"]).to_markdown() for i in items]
    assert list(akd.frame_meta(markdown=True).columns) == list(frame.columns)
