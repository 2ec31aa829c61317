"""The 双随机 draw (fazhi/inspections/draw.py): reproducible from seed and snapshot, the
snapshot hash moves with any change of the pool, a tampered result fails verification, the
recusal and two-inspector rules hold on any pool, and each stratum gets its ratio."""

import hashlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.inspections.draw import (
    DrawError,
    Inspector,
    Pool,
    Stream,
    draw,
    quota,
    seed_commitment,
    snapshot_hash,
    verify,
)

SEED = b"\x01" * 32
RATIOS = {"A": "0.01", "B": "0.03", "C": "0.10", "D": "0.50"}


def _uscc(i: int) -> str:
    return f"91330200{i:09d}X"


def _pool(n=2000, inspectors=12, conflicts=()):
    entities = [(_uscc(i), "ABCD"[i % 4]) for i in range(n)]
    ins = [Inspector(f"ZF{d}{k:03d}", d) for d in ("SCJG", "ZHZF") for k in range(inspectors)]
    return Pool.build(entities, ins, conflicts)


def test_the_random_numbers_are_pinned_to_the_published_algorithm():
    """Known answers: a published result stays verifiable only while fazhi-draw/1 gives
    the same numbers for the same seed (change the algorithm, change its version)."""
    first = hashlib.sha256(SEED + b"\x00entities:A\x00" + (0).to_bytes(8, "big")).digest()
    s = Stream(SEED, "entities:A")
    assert s._next64() == int.from_bytes(first[:8], "big")
    assert s._next64() == int.from_bytes(first[8:16], "big")
    s = Stream(SEED, "entities:A")
    assert [s.below(10) for _ in range(8)] == [
        int.from_bytes(first[i : i + 8], "big") % 10 for i in (0, 8, 16, 24)
    ] + [
        int.from_bytes(hashlib.sha256(SEED + b"\x00entities:A\x00" + (1).to_bytes(8, "big"))
                       .digest()[i : i + 8], "big") % 10
        for i in (0, 8, 16, 24)
    ]  # fmt: skip


def test_a_draw_is_reproduced_from_seed_and_snapshot():
    pool = _pool()
    one = draw(SEED, pool, RATIOS, ["SCJG"])
    again = draw(SEED, _pool(), RATIOS, ["SCJG"])
    assert one.lines() == again.lines() and one.digest() == again.digest()
    other = draw(b"\x02" * 32, pool, RATIOS, ["SCJG"])
    assert other.lines() != one.lines()


def test_changing_one_entity_changes_the_snapshot_hash():
    base = snapshot_hash(_pool())
    entities = [(_uscc(i), "ABCD"[i % 4]) for i in range(2000)]
    ins = [Inspector(f"ZF{d}{k:03d}", d) for d in ("SCJG", "ZHZF") for k in range(12)]
    moved = list(entities)
    moved[7] = (moved[7][0], "A")  # one entity's risk class
    assert snapshot_hash(Pool.build(moved, ins)) != base
    renamed = list(entities)
    renamed[7] = (_uscc(99999), renamed[7][1])
    assert snapshot_hash(Pool.build(renamed, ins)) != base
    assert snapshot_hash(Pool.build(entities[:-1], ins)) != base
    assert snapshot_hash(Pool.build(entities, ins[:-1])) != base
    assert snapshot_hash(Pool.build(entities, ins, {("ZFSCJG000", _uscc(1))})) != base
    # The order the rows come in does not matter.
    assert snapshot_hash(Pool.build(reversed(entities), reversed(ins))) == base


def test_verification_confirms_the_result_and_refutes_a_tampered_copy():
    pool = _pool()
    result = draw(SEED, pool, RATIOS, ["SCJG", "ZHZF"], per_department=1)
    kw = dict(commitment=seed_commitment(SEED), snapshot=snapshot_hash(pool), per_department=1)
    assert verify(SEED, pool, RATIOS, ["SCJG", "ZHZF"], result.lines(), **kw) == []
    lines = result.lines()
    risk, _, inspectors = lines[3].split("\t")
    tampered = [*lines[:3], f"{risk}\t{_uscc(1999)}\t{inspectors}", *lines[4:]]
    problems = verify(SEED, pool, RATIOS, ["SCJG", "ZHZF"], tampered, **kw)
    assert problems and problems[0].startswith("第4行不一致")
    assert verify(SEED, pool, RATIOS, ["SCJG", "ZHZF"], lines[:-1], **kw)[0].startswith(
        f"公布结果有{len(lines) - 1}行"
    )
    # A seed other than the committed one, or a pool other than the snapshot.
    assert verify(b"\x03" * 32, pool, RATIOS, ["SCJG", "ZHZF"], lines, **kw) == [
        "公布的随机种子与抽取前公布的种子承诺（SHA-256）不符"
    ]
    assert verify(SEED, _pool(1999), RATIOS, ["SCJG", "ZHZF"], lines, **kw) == [
        "名录库快照与抽取前公布的快照哈希不符"
    ]


def test_each_stratum_gets_its_ratio_rounded_half_up():
    pool = _pool(2000)  # 500 per class
    result = draw(SEED, pool, RATIOS, ["SCJG"])
    got = {c: sum(1 for r, _ in result.entities if r == c) for c in "ABCD"}
    assert got == {"A": 5, "B": 15, "C": 50, "D": 250}
    assert quota("0.03", 150) == 5 and quota("0.03", 149) == 4  # 4.5 → 5, 4.47 → 4
    assert len({u for _, u in result.entities}) == len(result.entities)  # no entity twice


def test_refusals_name_the_problem():
    with pytest.raises(DrawError, match="不是A、B、C、D之一"):
        Pool.build([(_uscc(1), "E")], [])
    with pytest.raises(DrawError, match="重复"):
        Pool.build([(_uscc(1), "A"), (_uscc(1), "A")], [])
    with pytest.raises(DrawError, match="至少应有两名"):
        draw(SEED, _pool(), RATIOS, ["SCJG"], per_department=1)
    with pytest.raises(DrawError, match="比例"):
        draw(SEED, _pool(), {"A": "1.5"}, ["SCJG"])
    # Everyone in the department has an interest in the first drawn D entity.
    first_d = next(u for r, u in draw(SEED, _pool(), RATIOS, ["SCJG"]).entities if r == "D")
    blocked = {(f"ZFSCJG{k:03d}", first_d) for k in range(11)}
    with pytest.raises(DrawError, match=f"检查对象{first_d}需要2名，回避后只有1名"):
        draw(SEED, _pool(conflicts=blocked), RATIOS, ["SCJG"])


@st.composite
def pools(draw_):
    n = draw_(st.integers(1, 300))
    classes = draw_(st.lists(st.sampled_from("ABCD"), min_size=n, max_size=n))
    depts = draw_(st.lists(st.sampled_from(["D1", "D2", "D3"]), min_size=1, max_size=3,
                           unique=True))  # fmt: skip
    per = draw_(st.integers(1, 3)) if len(depts) > 1 else draw_(st.integers(2, 3))
    inspectors = [Inspector(f"{d}-{k}", d) for d in depts for k in range(per + 6)]
    usccs = [_uscc(i) for i in range(n)]
    conflicts = draw_(
        st.sets(st.tuples(st.sampled_from([i.id for i in inspectors]), st.sampled_from(usccs)),
                max_size=60)
    )  # fmt: skip
    ratios = {c: draw_(st.decimals("0", "1", places=2)) for c in "ABCD"}
    return Pool.build(zip(usccs, classes, strict=True), inspectors, conflicts), depts, per, ratios


@settings(max_examples=150, deadline=None)
@given(pools(), st.binary(min_size=16, max_size=32))
def test_recusal_and_two_inspectors_hold_on_any_pool(case, seed):
    pool, depts, per, ratios = case
    dept_of = {i.id: i.department for i in pool.inspectors}
    try:
        result = draw(seed, pool, ratios, depts, per)
    except DrawError as e:
        # Refused only when a department truly cannot field enough after recusal.
        assert "回避后只有" in str(e)
        return
    for risk in "ABCD":
        got = sum(1 for r, _ in result.entities if r == risk)
        assert got == quota(ratios[risk], len(pool.strata[risk]))
    for _, uscc in result.entities:
        chosen = result.inspectors[uscc]
        assert len(chosen) >= 2 and len(set(chosen)) == len(chosen)
        assert not any((i, uscc) in pool.conflicts for i in chosen)
        for d in depts:
            assert sum(1 for i in chosen if dept_of[i] == d) == per
    # Load is balanced within a department: no inspector has two more than another.
    load: dict[str, int] = {}
    for chosen in result.inspectors.values():
        for i in chosen:
            load[i] = load.get(i, 0) + 1
    if not pool.conflicts:
        for d in depts:
            counts = [load.get(i.id, 0) for i in pool.inspectors if i.department == d]
            assert max(counts) - min(counts) <= 1


def test_ratio_as_decimal_or_text_gives_the_same_draw():
    pool = _pool()
    a = draw(SEED, pool, {k: Decimal(v) for k, v in RATIOS.items()}, ["SCJG"])
    assert a.lines() == draw(SEED, pool, RATIOS, ["SCJG"]).lines()
