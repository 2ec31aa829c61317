"""The form's own check of section 三 (国办公开办函〔2021〕30号: "本列数据的勾稽关系为：
第一项加第二项之和，等于第三项加第四项之和"), plus the two sums the layout implies: row
三（七）总计 is the sum of the 三 rows, and 总计 is the sum of the six applicant columns.

Each failure is one Chinese line naming the column (or row) and the values, e.g.
"“自然人”列：本年新收12 + 上年结转1 ≠ 办理结果总计11 + 结转下年度1"."""

from __future__ import annotations

from .tables import COLUMN_LABELS, TOTAL, section3_rows


def failures(s3: dict) -> list[str]:
    out: list[str] = []
    for c, label in enumerate(COLUMN_LABELS):
        new, carried = s3["new"][c], s3["carried"][c]
        total, nxt = s3["total"][c], s3["next"][c]
        if new + carried != total + nxt:
            out.append(
                f"“{label}”列：本年新收{new} + 上年结转{carried} ≠ "
                f"办理结果总计{total} + 结转下年度{nxt}"
            )
        summed = sum(row[c] for row in s3["results"].values())
        if summed != total:
            out.append(f"“{label}”列：办理结果总计{total} ≠ 各项办理结果之和{summed}")
    for group, item, values in section3_rows(s3):
        parts = values[:TOTAL]
        if sum(parts) != values[TOTAL]:
            name = f"{group}{item}"
            out.append(
                f"“{name}”行：总计{values[TOTAL]} ≠ 自然人与法人或其他组织各列之和{sum(parts)}"
            )
    return out


def passes(s3: dict) -> bool:
    return not failures(s3)
