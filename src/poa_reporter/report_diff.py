"""What changed between two reports (usually two cycles of one State), question by question."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Iterator

from poa_reporter.answers import as_text
from poa_reporter.template import Question, Template, join_pointer, resolve_pointer


@dataclass(frozen=True)
class Difference:
    pointer: str
    section: str      # section heading, "4. Marking"
    question: str     # "4.2 Marking elements", and " › row N1 › Budget" inside tables
    change: str       # added, removed, changed
    before: str       # as shown to a reader, in the language asked for
    after: str

    def as_dict(self) -> dict:
        return asdict(self)


def _text(template: Template, node: dict, value: Any, lang: str) -> str:
    if value is None:
        return ""
    try:
        return as_text(template, node, value, lang)
    except (AttributeError, KeyError, TypeError, ValueError):  # a value the template does not describe
        return json.dumps(value, ensure_ascii=False)


def _change(before: Any, after: Any) -> str:
    return "added" if before is None else "removed" if after is None else "changed"


def _row_key(row: Any, index: int) -> str:
    return str(row["id"]) if isinstance(row, dict) and isinstance(row.get("id"), str) else str(index + 1)


def _table(template: Template, q: Question, title: str, section: str, a: list, b: list, lang: str,
           row_word: str) -> Iterator[Difference]:
    row_node = template.resolve(q.schema["items"])
    rows_a = {_row_key(r, i): (i, r) for i, r in enumerate(a)}
    rows_b = {_row_key(r, i): (i, r) for i, r in enumerate(b)}
    for key in list(rows_a) + [k for k in rows_b if k not in rows_a]:
        (ia, ra), (ib, rb) = rows_a.get(key, (None, None)), rows_b.get(key, (None, None))
        where = f"{title} › {row_word.format(n=key)}"
        pointer = join_pointer(q.pointer, ib if ib is not None else ia)
        if ra is None or rb is None:
            yield Difference(pointer, section, where, _change(ra, rb), _text(template, q.schema, [ra] if ra else None, lang),
                             _text(template, q.schema, [rb] if rb else None, lang))
            continue
        if not (isinstance(ra, dict) and isinstance(rb, dict)):
            if ra != rb:
                yield Difference(pointer, section, where, "changed", str(ra), str(rb))
            continue
        for field, child in template.children(row_node):
            va, vb = ra.get(field), rb.get(field)
            if va != vb:
                label = (child.get("x-label") or {}).get(lang) or field
                yield Difference(join_pointer(pointer, field), section, f"{where} › {label}", _change(va, vb),
                                 _text(template, child, va, lang), _text(template, child, vb, lang))


def differences(template: Template, a: dict, b: dict, lang: str = "en", row_word: str = "row {n}") -> list[Difference]:
    """Every answer that differs between ``a`` and ``b``, in the template's order."""
    found: list[Difference] = []
    covered: set[str] = set()
    for section in template.sections:
        heading = f"{section.number}. {section.label.get(lang) or section.label['en']}"
        for q in section.questions:
            covered.add(q.pointer)
            va, vb = resolve_pointer(a, q.pointer), resolve_pointer(b, q.pointer)
            if va == vb:
                continue
            title = f"{q.number} {q.text(lang)}"
            if q.kind == "table" and isinstance(va or [], list) and isinstance(vb or [], list):
                found.extend(_table(template, q, title, heading, va or [], vb or [], lang, row_word))
            else:
                found.append(Difference(q.pointer, heading, title, _change(va, vb),
                                        _text(template, q.schema, va, lang), _text(template, q.schema, vb, lang)))
    found.extend(_outside_template(a, b, covered))
    return found


def _leaves(value: Any, pointer: str, covered: set[str]) -> Iterator[tuple[str, Any]]:
    if pointer in covered:
        return
    if isinstance(value, dict) and value:
        for key, child in value.items():
            yield from _leaves(child, join_pointer(pointer, key), covered)
    else:
        yield pointer, value


def _outside_template(a: dict, b: dict, covered: set[str]) -> Iterator[Difference]:
    """Fields the template does not know (unknown or misplaced): compared as raw JSON, so no change goes unseen."""
    covered = covered | {"/schema_version"}
    left, right = dict(_leaves(a, "", covered)), dict(_leaves(b, "", covered))
    for pointer in list(left) + [p for p in right if p not in left]:
        va, vb = left.get(pointer), right.get(pointer)
        if va != vb:
            yield Difference(pointer, "", pointer, _change(va, vb),
                             "" if va is None else json.dumps(va, ensure_ascii=False),
                             "" if vb is None else json.dumps(vb, ensure_ascii=False))
