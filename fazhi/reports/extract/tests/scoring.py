"""Score extractor output against hand labels: figure recall, code recall, false figures.

A labelled figure is found when an output has the same value (万/亿 applied) and unit
and lies in the sentence where the label's text occurs (table cells: same row heading
and column). Outputs are matched one-to-one. Shared by the tests and bench script.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.reports.extract import extract_file
from fazhi.reports.extract.normalize import normalize_chars
from fazhi.reports.extract.tables import strip_marker

REPO = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("FAZHI_SHARED_DIR", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
OWN = REPO / "tests" / "extract_texts"
_SENT_END = set("。!?;\n")


def norm(text: str) -> str:
    return re.sub(r"\s", "", normalize_chars(text))


def label_value(ind: dict) -> tuple[float, str | None]:
    value, unit = float(ind["value"]), ind.get("unit")
    if unit and len(unit) > 1 and unit[0] in "万亿":
        value *= 10_000 if unit[0] == "万" else 100_000_000
        unit = unit[1:]
    return value, unit


def load_seed_labels() -> list[dict]:
    path = SEEDS / "labels.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_own_labels() -> list[dict]:
    path = OWN / "labels.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def seed_codes() -> dict[str, list]:
    data = json.loads((OWN / "seed_codes.json").read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


def seed_traps() -> dict[str, list[str]]:
    data = json.loads((OWN / "seed_traps.json").read_text(encoding="utf-8"))
    data.pop("_about", None)
    return data


class Located:
    """The output text without whitespace, with a map back to real offsets."""

    def __init__(self, text: str):
        self.text = text
        self.map = [i for i, c in enumerate(text) if not c.isspace()]
        self.flat = "".join(text[i] for i in self.map)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        out = []
        if not needle:
            return out
        start = 0
        while True:
            k = self.flat.find(needle, start)
            if k < 0:
                return out
            out.append((self.map[k], self.map[k + len(needle) - 1] + 1))
            start = k + 1

    def sentence(self, a: int, b: int) -> tuple[int, int]:
        s = a
        while s > 0 and self.text[s - 1] not in _SENT_END:
            s -= 1
        e = b
        while e < len(self.text) and self.text[e] not in _SENT_END:
            e += 1
        return s, e


def _short(text: str) -> str:
    text = strip_marker(norm(text))
    text = re.sub(r"\([^()]*\)$", "", text)
    return text


@dataclass
class Score:
    labels: int = 0
    found: int = 0
    coded_labels: int = 0
    codes_found: int = 0
    outputs: int = 0
    false: int = 0
    code_agree: int = 0
    missed: list = field(default_factory=list)
    wrong_code: list = field(default_factory=list)
    false_items: list = field(default_factory=list)
    missing_text: list = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "labels",
            "found",
            "coded_labels",
            "codes_found",
            "outputs",
            "false",
            "code_agree",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.wrong_code += other.wrong_code
        self.false_items += other.false_items
        self.missing_text += other.missing_text

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def code_recall(self) -> float:
        return self.codes_found / self.coded_labels if self.coded_labels else 1.0

    @property
    def false_rate(self) -> float:
        return self.false / self.outputs if self.outputs else 0.0


def _same(value: float, unit: str | None, out: dict) -> bool:
    if out["value"] is None or (out["unit"] or None) != (unit or None):
        return False
    return abs(float(out["value"]) - value) <= 1e-6 * max(1.0, abs(value))


def score_file(
    result: dict,
    labels: list[dict],
    exhaustive: bool,
    traps: list[str] | None = None,
    kinds: str = "all",
) -> Score:
    """Score one extraction. ``kinds``: all / prose / table labels."""
    loc = Located(result["text"])
    outputs = result["indicators"]
    used: set[int] = set()
    sc = Score(outputs=len(outputs))
    name = result.get("file", "?")
    for lab in labels:
        is_table = bool(lab.get("table"))
        if (kinds == "prose" and is_table) or (kinds == "table" and not is_table):
            continue
        value, unit = label_value(lab)
        sc.labels += 1
        if lab.get("code"):
            sc.coded_labels += 1
        candidates = []
        if is_table:
            col = lab.get("column")
            leaf = _short(lab["text"])
            for i, out in enumerate(outputs):
                if out.get("source") != "table" or not _same(value, unit, out):
                    continue
                oname = re.sub(r"\s", "", out.get("name") or "")
                if col and norm(col) not in oname:
                    continue
                if not lab.get("near") and leaf not in oname:
                    continue
                candidates.append(i)
        else:
            spots = loc.find_all(norm(lab["text"]))
            if not spots:
                sc.missing_text.append((name, lab["text"]))
            for a, b in spots:
                s, e = loc.sentence(a, b)
                for i, out in enumerate(outputs):
                    if i in candidates or not _same(value, unit, out):
                        continue
                    if out["start"] < e and out["end"] > s:
                        # prefer outputs overlapping the labelled fragment itself
                        candidates.append(i)
                candidates.sort(
                    key=lambda i: not (outputs[i]["start"] < b and outputs[i]["end"] > a)
                )
        pick = next((i for i in candidates if i not in used), None)
        if pick is None:
            sc.missed.append((name, lab["text"], lab["value"], lab.get("unit")))
            continue
        used.add(pick)
        sc.found += 1
        out = outputs[pick]
        if (out.get("code") or None) == (lab.get("code") or None):
            sc.code_agree += 1
        if lab.get("code"):
            if out.get("code") == lab["code"]:
                sc.codes_found += 1
            else:
                sc.wrong_code.append((name, lab["text"], lab["code"], out.get("code")))
    false: set[int] = set()
    if exhaustive and kinds == "all":
        false |= {i for i in range(len(outputs)) if i not in used}
    if traps:
        spans = []
        for t in traps:
            spans += loc.find_all(norm(t))  # a trap may be gone with the chrome: fine
        for i, out in enumerate(outputs):
            a, b = out["value_start"], out["value_end"]
            if any(a < e and b > s for s, e in spans):
                false.add(i)
    for i in sorted(false):
        out = outputs[i]
        sc.false_items.append((name, out["text"], out["value"], out["unit"]))
    sc.false = len(false)
    return sc


def seed_results() -> list[tuple[dict, dict]]:
    out = []
    for lab in load_seed_labels():
        result = extract_file(SEEDS / lab["file"])
        out.append((result, lab))
    return out


def own_results() -> list[tuple[dict, dict]]:
    return [(extract_file(OWN / lab["file"]), lab) for lab in load_own_labels()]


def seed_labels_with_codes(lab: dict) -> list[dict]:
    """Seed labels with the hand-assigned codes of seed_codes.json merged in."""
    table = seed_codes().get(lab["file"], [])
    out = []
    for ind in lab["indicators"]:
        ind = dict(ind)
        ind["code"] = None
        for row in table:
            text, code = row[0], row[1]
            val = row[2] if len(row) > 2 else None
            if text == ind["text"] and (val is None or val == ind["value"]):
                ind["code"] = code
        out.append(ind)
    return out


def summary(kinds: str = "all") -> dict[str, Score]:
    """Scores over the seeds (partial labels, traps) and own texts (exhaustive labels)."""
    seeds, own = Score(), Score()
    traps = seed_traps()
    for result, lab in seed_results():
        seeds.add(
            score_file(
                result,
                seed_labels_with_codes(lab),
                exhaustive=False,
                traps=traps.get(lab["file"]),
                kinds=kinds,
            )
        )
    for result, lab in own_results():
        own.add(
            score_file(
                result, lab["indicators"], exhaustive=True, traps=lab.get("traps"), kinds=kinds
            )
        )
    total = Score()
    total.add(seeds)
    total.add(own)
    return {"seeds": seeds, "own": own, "total": total}


if __name__ == "__main__":
    import sys

    kinds = sys.argv[1] if len(sys.argv) > 1 else "all"
    for key, sc in summary(kinds).items():
        print(
            f"{key}: labels {sc.labels} recall {sc.recall:.3f}  codes {sc.codes_found}/{sc.coded_labels}"
            f" = {sc.code_recall:.3f}  outputs {sc.outputs} false {sc.false} = {sc.false_rate:.3f}"
        )
    res = summary(kinds)["total"]
    print("MISSING TEXT", res.missing_text)
    for m in res.missed:
        print("MISSED", m)
    for m in res.wrong_code:
        print("CODE", m)
    for m in res.false_items:
        print("FALSE", m)
