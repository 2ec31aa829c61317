"""The snapshot written and read in blocks (what makes a 5,000,000-entity pool fit the
draw's time and memory, bench/inspections_scale.py) is byte for byte the published line
format of draw.snapshot_lines, and reads back as the same pool; a malformed snapshot is
still refused with its line number."""

import gzip

import pytest
from django.core.exceptions import ValidationError

from fazhi.inspections import draw
from fazhi.inspections.services import snapshot as reader

from .test_draw import _pool


def _with_conflicts():
    pairs = {("ZFSCJG001", "91330200000000007X"), ("ZFZHZF002", "91330200000000011X")}
    return _pool(n=503, inspectors=5, conflicts=pairs)


@pytest.mark.parametrize("size", [1, 7, 100, 65536])
def test_the_blocks_are_the_published_lines(size):
    pool = _with_conflicts()
    text = "".join(draw.snapshot_lines(pool)).encode()
    assert b"".join(draw.snapshot_chunks(pool, size)) == text
    assert text.count(b"\nX\t") == 2 and text.count(b"\nE\t") == 503


def test_from_strata_is_the_pool_build_makes():
    pool = _with_conflicts()
    strata = {risk: list(reversed(members)) for risk, members in pool.strata.items()}
    again = draw.Pool.from_strata(strata, reversed(pool.inspectors), pool.conflicts)
    assert again == pool
    assert draw.snapshot_hash(again) == draw.snapshot_hash(pool)
    strata["B"].append(strata["B"][3])
    with pytest.raises(draw.DrawError, match=f"统一社会信用代码{strata['B'][3]}重复"):
        draw.Pool.from_strata(strata, pool.inspectors)


@pytest.mark.parametrize("block", [1, 7, 1000, 8 << 20])
def test_the_block_reader_reads_the_pool_the_line_reader_reads(block):
    pool = _with_conflicts()
    data = gzip.compress("".join(draw.snapshot_lines(pool)).encode())
    fast = reader._read_blocks(data, block)
    assert fast == reader._read_lines(data) == (draw.ALGORITHM, pool)


def _first_bad(text: str) -> int:
    for n, raw in enumerate(text.split("\n")[1:], start=2):
        parts = raw.split("\t")
        if raw and (parts[0] not in ("E", "I", "X") or len(parts) != 3):
            return n
    raise AssertionError("no bad line")


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("\tB\t", "\tB\tx\t", 1),  # four fields
        lambda t: t.replace("\nI\t", "\nQ\t", 1),  # an unknown kind of line
        lambda t: t + "E\tA",  # a last line of two fields, without its end
    ],
)
def test_a_malformed_snapshot_is_refused_with_its_line(change):
    text = change("".join(draw.snapshot_lines(_with_conflicts())))
    data = gzip.compress(text.encode())
    assert reader._read_blocks(data) is None
    with pytest.raises(ValidationError, match=f"名录库快照第{_first_bad(text)}行格式不正确"):
        reader.snapshot_pool(type("S", (), {"data": data})())


def test_an_unknown_class_reads_as_the_line_reader_reads_it():
    text = "".join(draw.snapshot_lines(_with_conflicts())).replace("\tD\t", "\tZ\t", 1)
    data = gzip.compress(text.encode())
    assert reader._read_blocks(data) is None
    _, pool = reader.snapshot_pool(type("S", (), {"data": data})())
    assert len(pool.strata["Z"]) == 1


def test_lines_out_of_the_canonical_order_read_as_the_line_reader_reads_them():
    lines = list(draw.snapshot_lines(_with_conflicts()))
    lines[5], lines[300] = lines[300], lines[5]  # an A entity among the Bs and back
    data = gzip.compress("".join(lines).encode())
    slow = reader._read_lines(data)
    for size in (7, 1000, 8 << 20):
        assert reader._read_blocks(data, size) in (None, slow)
    assert slow[1] != _with_conflicts()  # read in the stored order, not re-sorted
