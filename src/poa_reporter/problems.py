"""A problem found in a report: where, which question, what is wrong."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    pointer: str   # JSON Pointer into the report ("" is the whole report)
    code: str      # stable machine code: a JSON Schema keyword or a rule name
    message: str   # in the requested language
    label: str     # the question (and row/field) it concerns, in the requested language

    def as_dict(self) -> dict:
        return asdict(self)

    def where(self) -> str:
        return self.pointer or "/"
