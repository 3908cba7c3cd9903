"""Bring a report from an earlier template version to the current one.

Each revision of the template is a data file, ``schemas/migrations/FROM-to-TO.json``:
a list of steps (move, wrap_in_list, map_values, remove, set, localize_strings,
yes_no_from_booleans) over JSON Pointers where ``*`` stands for every table row.
This module only knows how to run steps; what moved where is in the files.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterator

from poa_reporter.resources import data_dir
from poa_reporter.template import Template, join_pointer, load_template, resolve_pointer, split_pointer

CURRENT_VERSION = "1.0"


class MigrationError(Exception):
    """The report cannot be migrated (unknown version, no path to the current one)."""


@dataclass(frozen=True)
class Change:
    op: str            # moved, converted, renamed value, removed, set
    path: str          # the pattern, with * for rows
    to: str = ""       # where it went (moves)
    count: int = 1     # how many values the pattern matched
    note: str = ""     # why, or what was removed

    def line(self) -> str:
        where = f"{self.path} → {self.to}" if self.to else self.path
        many = f" ({self.count} values)" if self.count > 1 else ""
        note = f": {self.note}" if self.note else ""
        return f"{self.op} {where}{many}{note}"


@cache
def migrations() -> dict[str, dict]:
    """The migration files, by the version they start from."""
    found = {}
    for path in sorted((data_dir("schemas") / "migrations").glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        found[spec["from"]] = spec
    return found


def path_to_current(version: str) -> list[dict]:
    chain, seen = [], set()
    while version != CURRENT_VERSION:
        spec = migrations().get(version)
        if spec is None or version in seen:
            known = ", ".join(sorted(set(migrations()) | {CURRENT_VERSION}))
            raise MigrationError(f"no migration from template version “{version}” (known versions: {known})")
        seen.add(version)
        chain.append(spec)
        version = spec["to"]
    return chain


# -- pointers with * ----------------------------------------------------------

def _matches(document: Any, tokens: list[str], prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """(concrete pointer, the row indices * stood for) of every location the pattern names that exists."""
    if not tokens:
        yield prefix, []
        return
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(document, list):
            for index, item in enumerate(document):
                for pointer, stars in _matches(item, rest, join_pointer(prefix, index)):
                    yield pointer, [str(index), *stars]
        return
    if isinstance(document, dict) and head in document:
        yield from _matches(document[head], rest, join_pointer(prefix, head))
    elif isinstance(document, list) and head.isdigit() and int(head) < len(document):
        yield from _matches(document[int(head)], rest, join_pointer(prefix, head))


def _parent(document: Any, pointer: str, create: bool = False) -> tuple[Any, str]:
    tokens = split_pointer(pointer)
    node = document
    for token in tokens[:-1]:
        if isinstance(node, list):
            node = node[int(token)]
        else:
            if create and token not in node:
                node[token] = {}
            node = node[token]
    return node, tokens[-1]


def _set(document: Any, pointer: str, value: Any) -> None:
    parent, key = _parent(document, pointer, create=True)
    parent[key] = value


def _pop(document: Any, pointer: str) -> Any:
    parent, key = _parent(document, pointer)
    return parent.pop(key)


def _fill(pattern: str, stars: list[str]) -> str:
    """The pattern with each * replaced by the row index it stood for."""
    rows, pointer = iter(stars), ""
    for token in split_pointer(pattern):
        pointer = join_pointer(pointer, next(rows) if token == "*" else token)
    return pointer


# -- the steps ----------------------------------------------------------------

def _move(report: dict, step: dict, template: Template) -> Iterator[Change]:
    found = list(_matches(report, split_pointer(step["from"])))
    for pointer, stars in reversed(found):  # from the last row: popping keeps earlier indices valid
        target = _fill(step["to"], stars)
        value = _pop(report, pointer)
        existing = resolve_pointer(report, target)
        if existing is not None and existing != value:
            _set(report, pointer, value)  # never overwrite: leave it for the user to resolve
            yield Change("kept", pointer, note=f"{target} already holds an answer; resolve by hand")
            continue
        _set(report, target, value)
    if found:
        yield Change("moved", step["from"], step["to"], len(found))


def _wrap_in_list(report: dict, step: dict, template: Template) -> Iterator[Change]:
    count = 0
    for pointer, _ in list(_matches(report, split_pointer(step["path"]))):
        value = resolve_pointer(report, pointer)
        if not isinstance(value, list):
            _set(report, pointer, [value])
            count += 1
    if count:
        yield Change("converted", step["path"], count=count, note="a single answer became a list")


def _map_values(report: dict, step: dict, template: Template) -> Iterator[Change]:
    for old, new in step["map"].items():
        count = 0
        for pointer, _ in list(_matches(report, split_pointer(step["path"]))):
            if resolve_pointer(report, pointer) == old:
                _set(report, pointer, new)
                count += 1
        if count:
            yield Change("renamed value", step["path"], count=count, note=f"“{old}” is now “{new}”")


def _remove(report: dict, step: dict, template: Template) -> Iterator[Change]:
    for pointer, _ in reversed(list(_matches(report, split_pointer(step["path"])))):
        value = _pop(report, pointer)
        shown = json.dumps(value, ensure_ascii=False)
        yield Change("removed", pointer, note=f"{step['why']} (it was {shown if len(shown) <= 200 else shown[:199] + '…'})")


def _set_step(report: dict, step: dict, template: Template) -> Iterator[Change]:
    old = resolve_pointer(report, step["path"])
    _set(report, step["path"], step["value"])
    yield Change("set", step["path"], note=f"{json.dumps(old)} → {json.dumps(step['value'])}")


def _convert_by_type(report: dict, template: Template, def_name: str, convert) -> int:
    count = 0
    for pointer, node, value in list(template.walk(report)):
        if pointer and node.get("x-def") == def_name:
            new = convert(value)
            if new is not value:
                _set(report, pointer, new)
                count += 1
    return count


def _localize_strings(report: dict, step: dict, template: Template) -> Iterator[Change]:
    language = resolve_pointer(report, step["language_from"])
    language = language if language in ("ar", "en", "fr", "es", "ru", "zh") else step["default_language"]
    count = _convert_by_type(report, template, "localized_text",
                             lambda v: {language: v} if isinstance(v, str) and v.strip() else v)
    if count:
        yield Change("converted", "free text", count=count, note=f"{step['why']}; written as “{language}”")


def _yes_no_from_booleans(report: dict, step: dict, template: Template) -> Iterator[Change]:
    def answer(v):
        return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v

    def with_details(v):
        if isinstance(v, bool):
            return {"answer": answer(v)}
        if isinstance(v, dict) and isinstance(v.get("answer"), bool):
            return {**v, "answer": answer(v["answer"])}
        return v

    count = _convert_by_type(report, template, "yes_no", answer)
    count += _convert_by_type(report, template, "yes_no_details", with_details)
    if count:
        yield Change("converted", "yes/no answers", count=count, note=step["why"])


STEPS = {"move": _move, "wrap_in_list": _wrap_in_list, "map_values": _map_values, "remove": _remove, "set": _set_step,
         "localize_strings": _localize_strings, "yes_no_from_booleans": _yes_no_from_booleans}


def migrate(report: dict, template: Template | None = None) -> tuple[dict, list[Change]]:
    """The report in the current template version, and what was changed to get there.

    A report without ``schema_version`` is taken to be of the version before the first
    one that had it (0.9)."""
    template = template or load_template()
    version = report.get("schema_version", "0.9")
    if not isinstance(version, str):
        raise MigrationError(f"schema_version must be a string such as “0.9”, not {json.dumps(version)}")
    result = copy.deepcopy(report)
    changes: list[Change] = []
    for spec in path_to_current(version):
        for step in spec["steps"]:
            changes.extend(STEPS[step["op"]](result, step, template))
    return in_template_order(template, template.schema, result), changes


def in_template_order(template: Template, node: dict, value: Any) -> Any:
    """The same data with object keys in the order the template asks the questions (unknown keys last)."""
    node = template.resolve(node)
    if isinstance(value, dict):
        known = node.get("properties", {})
        ordered = {k: in_template_order(template, known[k], value[k]) for k in known if k in value}
        ordered.update({k: v for k, v in value.items() if k not in known})
        return ordered
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        return [in_template_order(template, node["items"], item) for item in value]
    return value
