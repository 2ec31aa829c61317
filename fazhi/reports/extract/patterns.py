"""Facts about the extractor's own patterns, read from them rather than kept by hand: the
strings a pattern cannot match without, and a word list written as a trie. For patterns
without flags (re.I and the like are not looked at)."""

from __future__ import annotations

import re


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of ``pattern`` contains at least one, or None when
    that cannot be said. A cheap ``in`` test on them skips most rules for most figures."""
    from re import _parser  # the stdlib's own regex parser

    return _required(_parser.parse(pattern))


def _required(items) -> frozenset[str] | None:
    from re import _constants as c

    best: frozenset[str] | None = None
    run = ""
    options: list[frozenset[str]] = []
    for op, av in [*list(items), (None, None)]:
        if op is c.LITERAL and chr(av) != "#":
            run += chr(av)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is c.SUBPATTERN:
            got = _required(av[-1])
        elif op is c.BRANCH:
            parts = [_required(branch) for branch in av[1]]
            got = None if any(p is None for p in parts) else frozenset().union(*parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            got = _required(av[2])
        else:
            got = None
        if got:
            options.append(got)
    for option in options:  # the most selective: its shortest string longest, then fewest
        if best is None or (min(map(len, option)), -len(option)) > (
            min(map(len, best)),
            -len(best),
        ):
            best = option
    return best


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, or None when that cannot be
    said (it may match the empty string, or start with a class such as \\d)."""
    from re import _parser

    return _first(list(_parser.parse(pattern)))


def _first(items) -> frozenset[str] | None:
    from re import _constants as c

    if not items:
        return None
    op, av = items[0]
    if op is c.LITERAL:
        return frozenset(chr(av))
    if op is c.SUBPATTERN:
        return _first(list(av[-1]))
    if op is c.BRANCH:
        parts = [_first(list(branch)) for branch in av[1]]
        return None if any(p is None for p in parts) else frozenset().union(*parts)
    if op is c.IN and all(o is c.LITERAL for o, _ in av):
        return frozenset(chr(a) for _, a in av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        return _first(list(av[2]))
    return None


def trie_pattern(words: list[str] | tuple[str, ...]) -> str:
    """A pattern matching the same words as their alternation sorted longest first, with
    shared beginnings written once (一(?:站式|网(?:通办|统管)?|…)): at a position the regex
    engine then tries one branch per character instead of every word. Where several words
    match there, both take the longest, and give back the same shorter ones in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
