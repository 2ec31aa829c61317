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


def first_set(pattern: str) -> tuple[frozenset[str], bool, bool] | None:
    """What a non-empty match of ``pattern`` at the start of a non-empty string can start
    with: (characters, any decimal digit (\\d), any space (\\s)), or None when that cannot
    be said (a negated class, ``.``, a case-blind part, or a pattern that matches the empty
    string). Unlike first_characters, optional parts are looked through, and a "$" with
    nothing before it ends a branch (it cannot match at the start of a non-empty string).
    A line that starts otherwise is not worth a match call."""
    from re import _parser

    got = _first_of(list(_parser.parse(pattern)))
    if got is None or got[3]:
        return None
    return frozenset(got[0]), got[1], got[2]


def _first_of(items) -> tuple[set[str], bool, bool, bool] | None:
    """(characters, digit, space, nullable) of a sequence of parsed items."""
    from re import _constants as c

    chars: set[str] = set()
    digit = space = False
    for op, av in items:
        if op is c.AT:
            if av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
                continue  # true at the start, takes nothing
            if av in (c.AT_END, c.AT_END_STRING):
                return chars, digit, space, False  # nothing further matches here
            return None
        got = _first_item(op, av)
        if got is None:
            return None
        chars |= got[0]
        digit, space = digit or got[1], space or got[2]
        if not got[3]:
            return chars, digit, space, False
    return chars, digit, space, True


def _first_item(op, av) -> tuple[set[str], bool, bool, bool] | None:
    from re import _constants as c

    if op is c.LITERAL:
        return {chr(av)}, False, False, False
    if op is c.IN:
        chars: set[str] = set()
        digit = space = False
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] <= 512:
                chars.update(chr(x) for x in range(a[0], a[1] + 1))
            elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                digit = True
            elif o is c.CATEGORY and a is c.CATEGORY_SPACE:
                space = True
            else:
                return None
        return chars, digit, space, False
    if op is c.SUBPATTERN:
        if av[1] & re.IGNORECASE:
            return None
        return _first_of(list(av[-1]))
    if op is c.ATOMIC_GROUP:
        return _first_of(list(av))
    if op is c.BRANCH:
        out: set[str] = set()
        digit = space = nullable = False
        for branch in av[1]:
            got = _first_of(list(branch))
            if got is None:
                return None
            out |= got[0]
            digit, space, nullable = digit or got[1], space or got[2], nullable or got[3]
        return out, digit, space, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        got = _first_of(list(av[2]))
        if got is None:
            return None
        return got[0], got[1], got[2], av[0] == 0 or got[3]
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
