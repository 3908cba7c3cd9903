"""Checks beyond JSON Schema, driven by schema annotations.

- ``x-details-expected-when``: a yes/no-with-details answer listed there needs details
- ``x-rules``: relations between fields of one object (``not_after``, ``sum_not_more``)
- ``x-check``: ``country`` (ISO 3166-1 alpha-3), ``currency`` (ISO 4217),
  ``positive`` (> 0), ``unique`` (within its table)
- ``x-within-period``: a date inside the reporting period
- the submission date is not before the end of the period
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, Callable, Iterator

from babel.numbers import list_currencies

from poa_reporter.i18n import N_
from poa_reporter.template import Template, join_pointer, resolve_pointer

# (pointer, code, msgid, params)
Finding = tuple[str, str, str, dict]
_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

MESSAGES = {
    "details-expected": N_("Details are expected when the answer is “{answer}”."),
    "not-after": N_("“{left}” ({left_value}) is later than “{right}” ({right_value})."),
    "sum-not-more": N_("“{left}” ({left_value}) is more than {right} together ({right_value})."),
    "country": N_("“{value}” is not an ISO 3166-1 alpha-3 country code."),
    "currency": N_("“{value}” is not an ISO 4217 currency code."),
    "positive": N_("The amount must be more than zero."),
    "unique": N_("The reference “{value}” is used more than once in this table."),
    "within-period": N_("The date {value} is outside the reporting period ({start} to {end})."),
    "bad-date": N_("“{value}” is not a real calendar date."),
    "control-character": N_("The text contains the control character {char} (character {position}), which cannot be shown or printed; remove it."),
}
# C0 and C1 controls other than tab, line feed and carriage return.  Bidi marks and
# isolates (U+200E, U+2066 …) are legitimate in Arabic text and are left alone: the
# views isolate each answer so they cannot reorder anything around it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@cache
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _currency_codes() -> frozenset[str]:
    return frozenset(list_currencies())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _label(template: Template, pointer: str, lang: str) -> str:
    node = template.node_at(pointer) or {}
    label = node.get("x-label") or {}
    return label.get(lang) or label.get("en") or pointer.rsplit("/", 1)[-1]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check(template: Template, report: dict, lang: str = "en") -> Iterator[Finding]:
    period = report.get("metadata", {}).get("period") if isinstance(report.get("metadata"), dict) else None
    start = _date(period.get("from")) if isinstance(period, dict) else None
    end = _date(period.get("to")) if isinstance(period, dict) else None

    for pointer, node, value in template.walk(report):
        if node.get("format") == "date" and isinstance(value, str) and _DATE_FORM.fullmatch(value) and _date(value) is None:
            yield pointer, "bad-date", MESSAGES["bad-date"], {"value": value}
        if isinstance(value, str) and (bad := _CONTROL.search(value)):
            yield pointer, "control-character", MESSAGES["control-character"], {"char": f"U+{ord(bad.group()):04X}", "position": bad.start() + 1}
        if "x-details-expected-when" in node and isinstance(value, dict):
            answer = value.get("answer")
            if answer in node["x-details-expected-when"] and not value.get("details"):
                yield join_pointer(pointer, "details"), "details-expected", MESSAGES["details-expected"], {"answer": answer}
        for rule in node.get("x-rules", ()):
            if isinstance(value, dict):
                yield from _RULES[rule["rule"]](template, pointer, value, rule, lang)
        kind = node.get("x-check")
        if kind == "country" and isinstance(value, str) and value not in _country_codes():
            yield pointer, "country", MESSAGES["country"], {"value": value}
        elif kind == "currency" and isinstance(value, str) and value not in _currency_codes():
            yield pointer, "currency", MESSAGES["currency"], {"value": value}
        elif kind == "positive" and _number(value) and value <= 0:
            yield pointer, "positive", MESSAGES["positive"], {}
        if node.get("type") == "array" and isinstance(value, list):
            yield from _unique_rows(template, pointer, node, value)
        if node.get("x-within-period") and start and end:
            day = _date(value)
            if day and not start <= day <= end:
                yield pointer, "within-period", MESSAGES["within-period"], {"value": value, "start": start.isoformat(), "end": end.isoformat()}

    metadata = report.get("metadata")
    if isinstance(metadata, dict):
        submitted = _date(metadata.get("submission_date"))
        if submitted and end and submitted < end:
            yield ("/metadata/submission_date", "not-after", MESSAGES["not-after"],
                   {"left": " › ".join(template.label_parts("/metadata/period/to", lang)), "left_value": end.isoformat(),
                    "right": " › ".join(template.label_parts("/metadata/submission_date", lang)), "right_value": submitted.isoformat()})


def _unique_rows(template: Template, pointer: str, node: dict, rows: list) -> Iterator[Finding]:
    for key, child in template.children(node.get("items", {})):
        if child.get("x-check") != "unique":
            continue
        seen: set = set()
        for index, row in enumerate(rows):
            value = row.get(key) if isinstance(row, dict) else None
            if isinstance(value, str):
                if value in seen:
                    yield join_pointer(join_pointer(pointer, index), key), "unique", MESSAGES["unique"], {"value": value}
                seen.add(value)


def _not_after(template: Template, pointer: str, value: dict, rule: dict, lang: str) -> Iterator[Finding]:
    left, right = _date(resolve_pointer(value, "/" + rule["left"])), _date(resolve_pointer(value, "/" + rule["right"]))
    if left and right and left > right:
        yield (join_pointer(pointer, rule["right"]), "not-after", MESSAGES["not-after"],
               {"left": _label(template, f"{pointer}/{rule['left']}", lang), "left_value": left.isoformat(),
                "right": _label(template, f"{pointer}/{rule['right']}", lang), "right_value": right.isoformat()})


def _sum_not_more(template: Template, pointer: str, value: dict, rule: dict, lang: str) -> Iterator[Finding]:
    left = value.get(rule["left"])
    parts = [value.get(k) for k in rule["right"]]
    if _number(left) and any(_number(p) for p in parts):
        total = sum(p for p in parts if _number(p))
        if left > total:
            names = ", ".join(f"“{_label(template, join_pointer(pointer, k), lang)}”" for k in rule["right"])
            yield (join_pointer(pointer, rule["left"]), "sum-not-more", MESSAGES["sum-not-more"],
                   {"left": _label(template, join_pointer(pointer, rule["left"]), lang), "left_value": left,
                    "right": names, "right_value": total})


_RULES: dict[str, Callable[..., Iterator[Finding]]] = {"not_after": _not_after, "sum_not_more": _sum_not_more}
