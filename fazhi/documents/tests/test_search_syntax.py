"""The full-text search takes any text as literal words: FTS5's own syntax (quotes,
AND/OR/NOT, ``*``, ``NEAR(…)``, ``^``, column filters) and control characters never make a
query error (issue 18, point 1: a NUL ended the FTS5 string and answered 500)."""

from __future__ import annotations

import pytest

from fazhi.documents import public, search
from fazhi.documents.models import NormativeDocument

from .test_search import BODY_A, _imported

pytestmark = pytest.mark.today(2025, 11, 10)

QUERIES = [
    'a"b',
    '"""',
    "设置围*",
    "NEAR(设置围 警示标志)",
    "设置 OR 警示",
    "NOT 设置围",
    "title:设置围",
    "^设置围",
    "{title body}: 设置围",
    "- + : ( )",
    "设置\x00围挡",
    "\x00\x00\x00",
    "设置\x01\x7f\x85围",
]


@pytest.mark.parametrize("q", QUERIES)
def test_any_text_is_a_literal_query(people, district, q):
    gov = district["gov"]
    _imported("示范区道路管理办法", "测试区人民政府规〔2024〕1号", BODY_A, unit=gov, issuer=gov)
    list(search.filter_text(NormativeDocument.objects.all(), q))
    list(public.library(q=q))


def test_nul_inside_a_word_does_not_hide_the_word(people, district):
    gov = district["gov"]
    a = _imported("示范区道路管理办法", "测试区人民政府规〔2024〕1号", BODY_A, unit=gov, issuer=gov)
    assert list(search.filter_text(NormativeDocument.objects.all(), "设置\x00围")) == [a]
