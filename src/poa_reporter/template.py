"""The reporting template, read from the JSON Schema (the single source of truth).

Sections are the top-level object properties of the schema, questions are the
properties of each section. Labels (``x-label``), help (``x-help``), PoA/ITI
references (``x-ref``), choice labels (``x-choices``) and conditions
(``x-show-if``) are schema annotations; everything else here is derived.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Iterator

from poa_reporter.resources import schema_path

# $defs whose name is itself the answer type the views know how to show
_DEF_KINDS = {
    "yes_no": "yes_no",
    "yes_no_details": "yes_no_details",
    "count": "count",
    "date": "date",
    "period": "period",
    "contact": "contact",
    "localized_text": "text",
    "state_code": "state_code",
    "money": "money",
}


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape_token(str(token))}"


def split_pointer(pointer: str) -> list[str]:
    return [unescape_token(t) for t in pointer.split("/")[1:]] if pointer else []


def resolve_pointer(document: Any, pointer: str, default: Any = None) -> Any:
    node = document
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node


@dataclass(frozen=True)
class Question:
    pointer: str
    section: str
    key: str
    number: str
    label: dict
    help: dict | None
    reference: str | None
    kind: str
    schema: dict
    choices: dict | None = None
    row_schema: dict | None = None
    show_if: dict | None = None

    def text(self, lang: str) -> str:
        return self.label.get(lang) or self.label["en"]

    def visible(self, report: dict) -> bool:
        if not self.show_if:
            return True
        return resolve_pointer(report, self.show_if["pointer"]) in self.show_if["in"]


@dataclass(frozen=True)
class Section:
    key: str
    number: int
    label: dict
    reference: str | None
    questions: tuple[Question, ...] = field(default=())

    @property
    def pointer(self) -> str:
        return "/" + self.key

    def text(self, lang: str) -> str:
        return self.label.get(lang) or self.label["en"]


class Template:
    """The parsed schema with its annotations, as sections and questions."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.version: str = schema["properties"]["schema_version"]["const"]
        self.defs: dict = schema.get("$defs", {})
        self.sections: tuple[Section, ...] = tuple(self._sections())
        self.questions: dict[str, Question] = {q.pointer: q for s in self.sections for q in s.questions}

    # -- schema navigation -------------------------------------------------
    def resolve(self, node: dict) -> dict:
        """A schema node with its local ``$ref`` merged in (annotations beside the ref win)."""
        ref = node.get("$ref")
        if not ref:
            return node
        target = self.defs[ref.rsplit("/", 1)[-1]]
        merged = dict(self.resolve(target))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        merged["x-def"] = ref.rsplit("/", 1)[-1]
        return merged

    def kind_of(self, node: dict) -> str:
        node = self.resolve(node)
        if node.get("x-def") in _DEF_KINDS:
            return _DEF_KINDS[node["x-def"]]
        typ = node.get("type")
        if typ == "boolean":
            return "boolean"
        if typ == "string" and "enum" in node:
            return "single_choice"
        if typ == "array":
            items = self.resolve(node.get("items", {}))
            return "table" if items.get("type") == "object" else "multiple_choice"
        if typ == "object":
            return "group"
        return "text_plain" if typ == "string" else str(typ)

    def choices_of(self, node: dict) -> dict | None:
        node = self.resolve(node)
        if "x-choices" in node:
            return node["x-choices"]
        if node.get("type") == "array":
            return self.resolve(node.get("items", {})).get("x-choices")
        return None

    def walk(self, value: Any, node: dict | None = None, pointer: str = "") -> Iterator[tuple[str, dict, Any]]:
        """(pointer, resolved schema, value) for every location in ``value`` that the schema describes."""
        node = self.resolve(self.schema if node is None else node)
        yield pointer, node, value
        if isinstance(value, dict):
            for key, child in node.get("properties", {}).items():
                if key in value:
                    yield from self.walk(value[key], child, join_pointer(pointer, key))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, item in enumerate(value):
                yield from self.walk(item, node["items"], join_pointer(pointer, index))

    def children(self, node: dict) -> Iterator[tuple[str, dict]]:
        """(key, resolved schema) of an object node's properties, in order."""
        for key, child in self.resolve(node).get("properties", {}).items():
            yield key, self.resolve(child)

    def node_at(self, pointer: str) -> dict | None:
        """The schema node that describes the instance location ``pointer``."""
        node = self.resolve(self.schema)
        for token in split_pointer(pointer):
            if node.get("type") == "array":
                node = self.resolve(node.get("items", {}))
            elif token in node.get("properties", {}):
                node = self.resolve(node["properties"][token])
            else:
                return None
        return node

    def _sections(self) -> Iterator[Section]:
        for number, (key, node) in enumerate(
            (k, v) for k, v in self.schema["properties"].items() if "x-label" in v and v.get("type") == "object"
        ):
            questions = []
            for index, (qkey, qnode) in enumerate(node["properties"].items(), start=1):
                resolved = self.resolve(qnode)
                kind = self.kind_of(qnode)
                questions.append(Question(
                    pointer=f"/{key}/{qkey}", section=key, key=qkey,
                    number=f"{number}.{index}", label=resolved["x-label"], help=resolved.get("x-help"),
                    reference=resolved.get("x-ref"), kind=kind, schema=resolved,
                    choices=self.choices_of(qnode),
                    row_schema=self.resolve(resolved["items"]) if kind == "table" else None,
                    show_if=resolved.get("x-show-if"),
                ))
            yield Section(key, number, node["x-label"], node.get("x-ref"), tuple(questions))

    # -- labels ----------------------------------------------------------
    def question_for(self, pointer: str) -> Question | None:
        tokens = split_pointer(pointer)
        return self.questions.get("/" + "/".join(escape_token(t) for t in tokens[:2])) if len(tokens) >= 2 else None

    def label_parts(self, pointer: str, lang: str, row_word: str = "row {n}") -> list[str]:
        """Human labels along ``pointer``: question number and label, then rows and fields."""
        tokens = split_pointer(pointer)
        if not tokens:
            return []
        question = self.question_for(pointer)
        if question is None:
            while tokens:
                label = (self.node_at("/" + "/".join(escape_token(t) for t in tokens)) or {}).get("x-label")
                if label:
                    return [label.get(lang) or label["en"]]
                tokens = tokens[:-1]
            return []
        parts = [f"{question.number} {question.text(lang)}"]
        node = question.schema
        for token in tokens[2:]:
            if node.get("type") == "array":
                parts.append(row_word.format(n=int(token) + 1) if token.isdigit() else token)
                node = self.resolve(node.get("items", {}))
            elif token in node.get("properties", {}):
                node = self.resolve(node["properties"][token])
                label = node.get("x-label")
                parts.append(label.get(lang, label["en"]) if label else token)
            else:
                break
        return parts


@cache
def load_template() -> Template:
    with open(schema_path(), encoding="utf-8") as fh:
        return Template(json.load(fh))
