"""The 双随机 draw, verifiable by anyone who has the seed and the pool snapshot.

Rules: 市场监管总局关于全面推进“双随机、一公开”监管工作的通知 (2019): entities drawn at
random from the 检查对象名录库, inspectors at random from the 执法检查人员名录库, at least
two per entity, an inspector with an interest in the entity withdraws (回避); sampling by
credit-risk class (国市监信发〔2022〕6号: A lower, D much higher; the ratios are the task's,
no national percentages).

The procedure is public and versioned (``ALGORITHM``), so that a published result can be
recomputed independently:

1. **Commitment** (published before the draw): SHA-256 of the secret seed, and the SHA-256
   of the snapshot — every line of the pool in a canonical order (``snapshot_lines``).
2. **Random numbers**: block *i* of stream *label* is SHA-256(seed ‖ 0x00 ‖ label ‖ 0x00 ‖
   i as 8 bytes big-endian); each block gives four 64-bit numbers (big-endian). A number
   below *n* is drawn by rejection (no modulo bias): take 64-bit numbers until one is below
   the largest multiple of *n* that fits in 2^64, and return it modulo *n*.
3. **Entities**: each stratum (risk class) lists its entities by USCC; stream ``entities:<class>``
   drives a partial Fisher–Yates shuffle of that list, whose first *k* are drawn, *k* being
   the class's ratio of the stratum's size rounded half up. Drawn entities are inspected in
   the order: stratum A, B, C, D, then the draw order within a stratum.
4. **Inspectors**: each responsible department keeps its inspectors ordered by (load so far,
   SHA-256(seed ‖ 0x00 ‖ "inspector:" ‖ id)); for each entity, each department gives its
   ``per_department`` first inspectors that have no conflict with the entity (a declared
   interest, the same entity in the last cycle, or a configured relation) and are not already
   on that entity. A department that cannot field enough makes the draw fail, saying which
   entity: the draw never silently breaks the two-inspector rule or the recusal rule.

The snapshot for a 5,000,000-entity pool is held as one list of USCC strings per class and
streamed into the hash in blocks; no other copy is made (bench/inspections_scale.py measures it).
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import operator
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ALGORITHM = "fazhi-draw/1"
RISK_CLASSES = ("A", "B", "C", "D")
_MASK64 = (1 << 64) - 1


class DrawError(ValueError):
    """The draw cannot be made as asked (Chinese message)."""


# --- random numbers ----------------------------------------------------------------------


class Stream:
    """Uniform integers from SHA-256 of (seed, label, counter), as described above."""

    def __init__(self, seed: bytes, label: str):
        self._prefix = seed + b"\x00" + label.encode() + b"\x00"
        self._block = 0
        self._buf: list[int] = []

    def _next64(self) -> int:
        if not self._buf:
            digest = hashlib.sha256(self._prefix + self._block.to_bytes(8, "big")).digest()
            self._block += 1
            self._buf = [int.from_bytes(digest[i : i + 8], "big") for i in (24, 16, 8, 0)]
        return self._buf.pop()

    def below(self, n: int) -> int:
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self._next64()
            if x < limit:
                return x % n


def seed_commitment(seed: bytes) -> str:
    return hashlib.sha256(seed).hexdigest()


# --- the snapshot -------------------------------------------------------------------------


@dataclass
class Inspector:
    id: str  # the certificate number: stable, public on the officer's card
    department: str  # the responsible department's code


@dataclass
class Pool:
    """What the draw reads, frozen at the commitment. ``strata`` lists each class's entities
    by USCC; ``conflicts`` are (inspector id, USCC) pairs that must never meet."""

    strata: dict[str, list[str]]
    inspectors: list[Inspector]
    conflicts: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def build(
        cls,
        entities: Iterable[tuple[str, str]],
        inspectors: Iterable[Inspector],
        conflicts: Iterable[tuple[str, str]] = (),
    ) -> Pool:
        """From (USCC, class) pairs in any order."""
        strata: dict[str, list[str]] = {c: [] for c in RISK_CLASSES}
        for uscc, risk in entities:
            if risk not in strata:
                raise DrawError(f"检查对象{uscc}的信用风险分类“{risk}”不是A、B、C、D之一")
            strata[risk].append(uscc)
        return cls.from_strata(strata, inspectors, conflicts)

    @classmethod
    def from_strata(
        cls,
        strata: Mapping[str, list[str]],
        inspectors: Iterable[Inspector],
        conflicts: Iterable[tuple[str, str]] = (),
    ) -> Pool:
        """From each class's list of USCCs (sorted here, in place: a list read in order
        from the database costs one pass). The same pool as ``build``."""
        for members in strata.values():
            members.sort()
            if any(map(operator.eq, members, itertools.islice(members, 1, None))):
                for a, b in itertools.pairwise(members):
                    if a == b:
                        raise DrawError(f"检查对象名录库中统一社会信用代码{a}重复")
        return cls(
            strata={c: strata.get(c, []) for c in RISK_CLASSES},
            inspectors=sorted(inspectors, key=lambda i: (i.department, i.id)),
            conflicts=set(conflicts),
        )


def snapshot_lines(pool: Pool) -> Iterator[str]:
    """The canonical text of the pool: what the snapshot hash covers, line by line."""
    yield f"{ALGORITHM}\n"
    for risk in RISK_CLASSES:
        for uscc in pool.strata.get(risk, ()):
            yield f"E\t{risk}\t{uscc}\n"
    yield from _people_lines(pool)


def _people_lines(pool: Pool) -> Iterator[str]:
    """The inspector (I) and conflict (X) lines that follow the entities."""
    for ins in pool.inspectors:
        yield f"I\t{ins.department}\t{ins.id}\n"
    for inspector, uscc in sorted(pool.conflicts):
        yield f"X\t{inspector}\t{uscc}\n"


def snapshot_chunks(pool: Pool, size: int = 65536) -> Iterator[bytes]:
    """``snapshot_lines`` joined and encoded, ``size`` entity lines at a time: the same
    bytes, without a Python string per line (5,000,000 lines: seconds, not tens)."""
    yield f"{ALGORITHM}\n".encode()
    for risk in RISK_CLASSES:
        members = pool.strata.get(risk, ())
        prefix = f"E\t{risk}\t"
        for start in range(0, len(members), size):
            part = members[start : start + size]
            yield (prefix + f"\n{prefix}".join(part) + "\n").encode()
    rest = _people_lines(pool)
    while block := "".join(itertools.islice(rest, size)):
        yield block.encode()


def snapshot_hash(pool: Pool) -> str:
    h = hashlib.sha256()
    for chunk in snapshot_chunks(pool):
        h.update(chunk)
    return h.hexdigest()


# --- the draw -----------------------------------------------------------------------------


def quota(ratio: Decimal | float | str, size: int) -> int:
    """The ratio of the stratum's size, rounded half up (a ratio is a fraction: 0.03)."""
    r = Decimal(str(ratio))
    if r < 0 or r > 1:
        raise DrawError(f"抽查比例{r}应在0到1之间")
    return int((r * size).to_integral_value(rounding=ROUND_HALF_UP))


@dataclass
class Result:
    """The drawn entities in inspection order, each with its inspectors' ids."""

    entities: list[tuple[str, str]]  # (class, USCC)
    inspectors: dict[str, list[str]]  # USCC -> inspector ids

    def lines(self) -> list[str]:
        """The published result, one line per entity: class, USCC, inspectors."""
        return [
            f"{risk}\t{uscc}\t{','.join(self.inspectors.get(uscc, []))}"
            for risk, uscc in self.entities
        ]

    def digest(self) -> str:
        return hashlib.sha256("\n".join(self.lines()).encode()).hexdigest()


def draw_entities(seed: bytes, pool: Pool, ratios: Mapping[str, object]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for risk in RISK_CLASSES:
        members = pool.strata.get(risk, [])
        k = min(quota(ratios.get(risk, 0), len(members)), len(members))
        if not k:
            continue
        stream = Stream(seed, f"entities:{risk}")
        # Partial Fisher–Yates over positions; only the touched positions are remembered,
        # so a 3% draw from millions costs 3% of the pool, not a copy of it.
        moved: dict[int, int] = {}
        n = len(members)
        for i in range(k):
            j = i + stream.below(n - i)
            vi, vj = moved.get(i, i), moved.get(j, j)
            moved[i], moved[j] = vj, vi
            out.append((risk, members[vj]))
    return out


def assign_inspectors(
    seed: bytes,
    pool: Pool,
    entities: list[tuple[str, str]],
    departments: Iterable[str],
    per_department: int = 2,
) -> dict[str, list[str]]:
    departments = list(dict.fromkeys(departments))
    if not departments:
        raise DrawError("抽查任务没有责任部门")
    if per_department * len(departments) < 2:
        raise DrawError("每个检查对象至少应有两名执法检查人员")
    # Each inspector's place is (load so far, SHA-256 key), packed into one integer:
    # load × 2^256 + the key read big-endian orders exactly as the (load, key bytes)
    # pair, and an integer compares faster than a tuple (50,000 inspectors, 600,000 picks).
    # ``who`` maps the key back to the inspector (a SHA-256 per distinct id: no two equal).
    who: dict[int, str] = {}
    heaps: dict[str, list[int]] = {d: [] for d in departments}
    for ins in pool.inspectors:
        if ins.department in heaps:
            key = int.from_bytes(
                hashlib.sha256(seed + b"\x00" + f"inspector:{ins.id}".encode()).digest(), "big"
            )
            who[key] = ins.id
            heaps[ins.department].append(key)
    for heap in heaps.values():
        heapq.heapify(heap)
    conflicts = pool.conflicts
    one, mask = 1 << 256, (1 << 256) - 1
    pop, push = heapq.heappop, heapq.heappush
    out: dict[str, list[str]] = {}
    for _, uscc in entities:
        chosen: list[str] = []
        for dept in departments:
            heap = heaps[dept]
            skipped = []
            got = 0
            while got < per_department and heap:
                place = pop(heap)
                ins_id = who[place & mask]
                if (ins_id, uscc) in conflicts or ins_id in chosen:
                    skipped.append(place)
                    continue
                chosen.append(ins_id)
                skipped.append(place + one)
                got += 1
            for item in skipped:
                push(heap, item)
            if got < per_department:
                raise DrawError(
                    f"部门{dept}可派的执法检查人员不足（检查对象{uscc}需要{per_department}名，"
                    f"回避后只有{got}名）"
                )
        out[uscc] = chosen
    return out


def draw(
    seed: bytes,
    pool: Pool,
    ratios: Mapping[str, object],
    departments: Iterable[str],
    per_department: int = 2,
) -> Result:
    entities = draw_entities(seed, pool, ratios)
    return Result(entities, assign_inspectors(seed, pool, entities, departments, per_department))


def verify(
    seed: bytes,
    pool: Pool,
    ratios: Mapping[str, object],
    departments: Iterable[str],
    published: Iterable[str],
    *,
    commitment: str,
    snapshot: str,
    per_department: int = 2,
) -> list[str]:
    """Recompute the draw and compare it with the published lines. Returns the differences
    in Chinese (empty: 一致)."""
    problems = []
    if seed_commitment(seed) != commitment:
        problems.append("公布的随机种子与抽取前公布的种子承诺（SHA-256）不符")
    if snapshot_hash(pool) != snapshot:
        problems.append("名录库快照与抽取前公布的快照哈希不符")
    if problems:
        return problems
    expected = draw(seed, pool, ratios, departments, per_department).lines()
    given = [line.strip() for line in published if line.strip()]
    if len(given) != len(expected):
        problems.append(f"公布结果有{len(given)}行，按种子和快照重新抽取应为{len(expected)}行")
    for n, (a, b) in enumerate(zip(given, expected, strict=False), start=1):
        if a != b:
            problems.append(f"第{n}行不一致：公布为“{a}”，重新抽取为“{b}”")
            if len(problems) >= 20:
                problems.append("……（其余不一致之处从略）")
                break
    return problems
