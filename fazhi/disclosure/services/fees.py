"""信息处理费 (条例 第四十二条; 政府信息公开信息处理费管理办法, 国办函〔2020〕109号).

Both scales are cumulative-excess (超额累进, 第三条) and one request uses one of them, never
both. 按件 (第四条): the same applicant's requests to the agency in one calendar month —
the first 10 free, the 11th–30th 100 元 each, from the 31st each band of 10 costs 100 元 more
per request than the band before. 按量 (第五条): the pages of one request — up to 30 free,
the 31st–100th 10 元 a page, 101st–200th 20 元, from the 201st 40 元.
"""

from __future__ import annotations

from decimal import Decimal

from .. import conf

PER_REQUEST = "count"
PER_PAGE = "pages"
METHODS = ((PER_REQUEST, "按件计收"), (PER_PAGE, "按量计收"))


def rate_for_nth(n: int) -> int:
    """The fee of the applicant's n-th request of the month (1-based)."""
    if n <= conf.PER_REQUEST_FREE:
        return 0
    if n <= conf.PER_REQUEST_FIRST_BAND_END:
        return conf.PER_REQUEST_FIRST_RATE
    band = (n - conf.PER_REQUEST_FIRST_BAND_END - 1) // conf.PER_REQUEST_BAND + 1
    return conf.PER_REQUEST_FIRST_RATE + band * conf.PER_REQUEST_STEP


def fee_for_pages(pages: int) -> int:
    total = 0
    bands = conf.PAGE_BANDS
    for i, (low, price) in enumerate(bands):
        high = bands[i + 1][0] - 1 if i + 1 < len(bands) else None
        if pages < low:
            break
        top = pages if high is None else min(pages, high)
        total += (top - low + 1) * price
    return total


def fee(method: str, *, nth: int = 0, pages: int = 0) -> Decimal:
    if method == PER_REQUEST:
        return Decimal(rate_for_nth(nth))
    if method == PER_PAGE:
        return Decimal(fee_for_pages(pages))
    raise ValueError(method)
