"""A seed given to ``commit`` (only the demo builder gives one) is the one committed: two
tasks over the same pool and seed draw the same entities (their inspectors differ: the
second task avoids the first's pairs, the last cycle); without one, every commitment has a
fresh secret seed."""

import hashlib

import pytest

from fazhi.inspections import services as s
from fazhi.inspections.models import DrawnEntity

pytestmark = pytest.mark.today(2025, 11, 10)

SEED = bytes(range(32))


def _drawn(task):
    return list(
        DrawnEntity.objects.filter(task=task)
        .order_by("order")
        .values_list("entity__uscc", flat=True)
    )


def test_a_given_seed_is_committed_and_reproduces_the_draw(new_task, people):
    clerk = people["scjg_clerk"]
    first = s.commit(new_task(), actor=clerk, seed=SEED)
    assert first.seed == SEED.hex()
    assert first.seed_hash == hashlib.sha256(SEED).hexdigest()
    first = s.make_draw(first, actor=clerk)
    second = s.make_draw(s.commit(new_task(title="同一种子"), actor=clerk, seed=SEED), actor=clerk)
    assert _drawn(second) == _drawn(first) and _drawn(first)


def test_without_a_seed_each_commitment_has_a_fresh_one(new_task, people):
    clerk = people["scjg_clerk"]
    a = s.commit(new_task(), actor=clerk)
    b = s.commit(new_task(title="另一任务"), actor=clerk)
    assert a.seed != b.seed and len(a.seed) == len(b.seed) == 64
