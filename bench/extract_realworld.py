"""The report extractor on real published reports: figure recall, precision, code accuracy.

The documents are other governments' published pages (政府信息公开工作年度报告 and
法治政府建设年度报告, as a browser copy or a PDF text layer gives them), so they are not part
of this repository: they sit beside the checkout, in ``../realworld/`` (or ``--dir``), one
folder per set, each with its ``.txt`` files and ``labels*.jsonl`` (the format is in
``docs/extract-evaluation.md``). ``dev`` is the development set; ``heldout`` is never tuned on:
when a change is made because of one of its failures, that document moves to ``dev`` and a
fresh one is labelled.

    .venv/bin/python bench/extract_realworld.py [--set heldout] [--dir DIR] [--show]

Scoring (one-to-one matching, every output counted):
- a template cell label matches an output with the same cell key and value;
- another table label matches a table output with the same value whose name holds the
  label's row and column;
- a prose label matches an output with the same value and unit in the sentence where the
  label's fragment occurs;
- recall = matched labels / labels; precision = matched outputs / outputs;
- code accuracy = labels with a code whose matched output has that same code / labels
  with a code (a missed figure counts as a wrong code);
- a trap (a fragment the labeller marked as not a figure) is taken when an output's number
  lies inside it; those that are dates, years, document or article numbers are counted
  apart.
Targets (issue 19): recall ≥ 0.95, precision ≥ 0.95, code accuracy ≥ 0.80, and no date,
year, document number or article number taken as a figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fazhi.reports.extract import extract_file  # noqa: E402
from fazhi.reports.extract.normalize import normalize_chars  # noqa: E402
from fazhi.reports.extract.tests.scoring import Located, label_value, norm  # noqa: E402

DEFAULT_DIR = REPO.parent / "realworld"
# A date, a year, a document number or an article number: never a figure (issue 19).
_DATE_DOC_ARTICLE = re.compile(
    r"\d{4}\s?年|\d{1,2}\s?月\s?\d{0,2}|〔|\[\d{4}\]|\d+号|第[\d一二三四五六七八九十百]+条|\d{4}-\d{1,2}"
    r"|令第|[一二三四五六七八九十]+条"
)


@dataclass
class Tally:
    docs: int = 0
    labels: int = 0
    found: int = 0
    outputs: int = 0
    matched_outputs: int = 0
    coded: int = 0
    code_ok: int = 0
    traps: int = 0
    trap_hits: int = 0
    strict_traps: int = 0  # dates, years, document numbers, article numbers
    strict_hits: int = 0
    prose: list = field(default_factory=lambda: [0, 0])
    table: list = field(default_factory=lambda: [0, 0])
    missed: list = field(default_factory=list)
    false: list = field(default_factory=list)
    wrong_code: list = field(default_factory=list)
    trap_list: list = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 1.0


def _same(value: float, unit: str | None, out: dict, check_unit: bool = True) -> bool:
    if out.get("value") is None:
        return False
    if check_unit and (out.get("unit") or None) != (unit or None):
        return False
    return abs(float(out["value"]) - value) <= 1e-6 * max(1.0, abs(value))


def score_doc(result: dict, labels: list[dict], traps: list[str], t: Tally, name: str) -> None:
    outputs = result["indicators"]
    loc = Located(result["text"])
    used: set[int] = set()
    t.docs += 1
    t.outputs += len(outputs)
    for lab in labels:
        t.labels += 1
        kind = t.table if lab.get("table") else t.prose
        kind[1] += 1
        if lab.get("code"):
            t.coded += 1
        pick = _match(lab, outputs, loc, used)
        if pick is None:
            t.missed.append(
                (name, lab.get("cell") or lab.get("text"), lab["value"], lab.get("unit"))
            )
            continue
        used.add(pick)
        t.found += 1
        kind[0] += 1
        if lab.get("code"):
            if outputs[pick].get("code") == lab["code"]:
                t.code_ok += 1
            else:
                t.wrong_code.append((name, lab.get("text"), lab["code"], outputs[pick].get("code")))
    t.matched_outputs += len(used)
    for i, out in enumerate(outputs):
        if i not in used:
            t.false.append(
                (name, out.get("text"), out.get("value"), out.get("unit"), out.get("cell"))
            )
    for trap in traps:
        t.traps += 1
        strict = bool(_DATE_DOC_ARTICLE.search(normalize_chars(trap)))
        t.strict_traps += strict
        for a, b in loc.find_all(norm(trap)):
            if any(o["value_start"] < b and o["value_end"] > a for o in outputs):
                t.trap_hits += 1
                t.strict_hits += strict
                t.trap_list.append((name, trap))
                break


def _match(lab: dict, outputs: list[dict], loc: Located, used: set[int]) -> int | None:
    if lab.get("cell"):
        value = float(lab["value"])
        for i, out in enumerate(outputs):
            if i in used or out.get("cell") != lab["cell"]:
                continue
            scale = 10_000 if lab["cell"].endswith(":amount") else 1
            if _same(value * scale, None, out, check_unit=False):
                return i
        return None
    value, unit = label_value(lab)
    unit = normalize_chars(unit) if unit else unit  # 項/條 as some labels write them
    if lab.get("table"):
        row = norm(lab.get("text") or "")
        col = norm(lab.get("column") or "")
        for i, out in enumerate(outputs):
            if i in used or out.get("source") != "table":
                continue
            oname = norm(out.get("name") or "")
            if (
                _same(value, unit, out, check_unit=bool(unit))
                and col in oname
                and (not row or row in oname or oname in row)
            ):
                return i
        return None
    for a, b in loc.find_all(norm(lab["text"])):
        s, e = loc.sentence(a, b)
        cands = [
            i
            for i, out in enumerate(outputs)
            if i not in used and out["start"] < e and out["end"] > s and _same(value, unit, out)
        ]
        cands.sort(key=lambda i: not (outputs[i]["start"] < b and outputs[i]["end"] > a))
        if cands:
            return cands[0]
    return None


def load(folder: Path) -> list[tuple[Path, dict]]:
    docs = []
    for lf in sorted(folder.glob("labels*.jsonl")):
        for line in lf.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                docs.append((folder / d["file"], d))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the extractor on real published reports.")
    parser.add_argument("--set", default="heldout", help="heldout (default) or dev")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="default ../realworld")
    parser.add_argument("--show", action="store_true", help="list every miss and false figure")
    args = parser.parse_args(argv)
    folder = args.dir / args.set
    docs = load(folder)
    if not docs:
        print(f"no labelled documents in {folder}")
        return 1
    t = Tally()
    provinces, years = set(), set()
    for path, lab in docs:
        result = extract_file(path)
        before = (t.labels, t.found, len(t.false), t.coded, t.code_ok)
        score_doc(result, lab["indicators"], lab.get("traps", []), t, path.name)
        provinces.add(lab.get("province"))
        years.add(lab.get("year"))
        n, f, x = t.labels - before[0], t.found - before[1], len(t.false) - before[2]
        c, ok = t.coded - before[3], t.code_ok - before[4]
        print(f"  {path.name:10} {lab.get('kind', ''):14} {lab.get('year')} {lab.get('province', ''):4}"
              f" labels {n:3}  found {f:3}  false {x:3}  codes {ok:2}/{c:2}")  # fmt: skip
    print(f"{t.docs} documents, {len(provinces)} provinces, years {min(years)}–{max(years)}; "
          f"{t.labels} figures ({t.prose[1]} prose, {t.table[1]} table)")  # fmt: skip
    recall = t.ratio(t.found, t.labels)
    precision = t.ratio(t.matched_outputs, t.outputs)
    code_acc = t.ratio(t.code_ok, t.coded)
    print(f"recall     {recall:.3f}  ({t.found}/{t.labels}; prose {t.prose[0]}/{t.prose[1]}, "
          f"table {t.table[0]}/{t.table[1]})")  # fmt: skip
    print(f"precision  {precision:.3f}  ({t.matched_outputs}/{t.outputs})")
    print(f"code acc.  {code_acc:.3f}  ({t.code_ok}/{t.coded})")
    print(f"traps      {t.trap_hits} of {t.traps} taken as figures; of the {t.strict_traps} dates, "
          f"years, document and article numbers: {t.strict_hits}")  # fmt: skip
    if args.show:
        for title, items in (("missed", t.missed), ("false", t.false),
                             ("wrong code", t.wrong_code), ("traps", t.trap_list)):  # fmt: skip
            print(f"--- {title} ({len(items)})")
            for item in items:
                print("  ", item)
    ok = recall >= 0.95 and precision >= 0.95 and code_acc >= 0.80 and not t.strict_hits
    print("targets: recall ≥ 0.95, precision ≥ 0.95, code accuracy ≥ 0.80, no date, year,"
          " document or article number taken →",
          "OK" if ok else "NOT MET")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
