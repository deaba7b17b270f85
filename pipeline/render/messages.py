"""The stylesheets' messages for people: one line for each kind and element, with a count.

A stylesheet says ``UNHANDLED: tei:sp (block) near #sc1`` once for every speech it could
not render, ``OMITTED: tei:fw (page furniture ...): The Tragedie of Romeo`` for every
running head it leaves out: thousands of lines for a play or a book. Grouped, each becomes
one line, ``html: UNHANDLED: tei:sp (block): 835 times, first near #sc1`` or
``text: OMITTED: tei:fw (page furniture ...): 167 times, 1,204 words``, in the order of
their first occurrence. Messages of other kinds are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: "<output>: <KIND>: <what> near #<id>" (UNHANDLED, BROKEN-REF, UNSAFE-LINK ...)
_NEAR = re.compile(r"^(?P<key>(?:\w+: )?[A-Z-]+: .*?) near #(?P<where>\S+)$", re.S)
#: "<output>: OMITTED: <element> (<why>): <the words left out>"
_OMITTED = re.compile(r"^(?P<key>(?:\w+: )?OMITTED: \S+ \([^)]*\)): (?P<text>.*)$", re.S)


@dataclass
class _Group:
    first: str
    count: int = 0
    words: int = 0
    where: str = ""


def grouped_warnings(warnings: Iterable[str]) -> list[str]:
    groups: dict[str, _Group] = {}
    for warning in warnings:
        near, omitted = _NEAR.match(warning), _OMITTED.match(warning)
        key = near.group("key") if near else omitted.group("key") if omitted else warning
        group = groups.setdefault(key, _Group(warning))
        group.count += 1
        if near and not group.where:
            group.where = near.group("where")
        if omitted:
            group.words += len(omitted.group("text").split())
    lines = []
    for key, group in groups.items():
        if group.count == 1:
            lines.append(group.first)
        elif group.where:
            lines.append(f"{key}: {group.count:,} times, first near #{group.where}")
        elif _OMITTED.match(group.first):
            lines.append(f"{key}: {group.count:,} times, {group.words:,} words")
        else:
            lines.append(f"{key} ({group.count:,} times)")
    return lines
