"""Answers as display values, per language, for the views (PDF and exports).

``display(template, node, value, langs, digits)`` turns any answer into a small
dict the Jinja templates know how to show; which shape it takes follows the
answer type the schema gives the question.
"""
from __future__ import annotations

import re
from typing import Any

from poa_reporter import formatting
from poa_reporter.i18n import is_rtl
from poa_reporter.template import Template

UN_LANGUAGES = ("ar", "en", "fr", "es", "ru", "zh")
_STRONG_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_STRONG_LTR = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u4E00-\u9FFF]")


def text_dir(text: str) -> str:
    """Direction of plain text by its first strong character (as ``dir="auto"`` would)."""
    rtl, ltr = _STRONG_RTL.search(text), _STRONG_LTR.search(text)
    if rtl and (not ltr or rtl.start() < ltr.start()):
        return "rtl"
    return "ltr"


def both(label: dict | None, langs: tuple[str, ...]) -> dict:
    """A bilingual label restricted to the languages shown."""
    label = label or {}
    return {lang: label.get(lang) or label.get("en", "") for lang in langs}


def texts(value: dict, langs: tuple[str, ...]) -> list[dict]:
    """Free text: each language it was written in (the shown ones first); one fallback if none shown."""
    shown = [l for l in langs if value.get(l)]
    if len(langs) > 1:
        shown += [l for l in UN_LANGUAGES if l not in langs and value.get(l)]
    elif not shown:
        shown = [l for l in UN_LANGUAGES if value.get(l)][:1]
    return [{"lang": l, "dir": "rtl" if is_rtl(l) else "ltr", "text": value[l]} for l in shown]


def per_lang(fn, langs: tuple[str, ...]) -> dict:
    return {lang: fn(lang) for lang in langs}


def display(template: Template, node: dict, value: Any, langs: tuple[str, ...], digits: str) -> dict | None:
    """The display form of ``value`` answering schema ``node``; None if unanswered."""
    if value is None or value == [] or value == {}:
        return None
    node = template.resolve(node)
    kind = template.kind_of(node)
    if kind in ("yes_no", "single_choice"):
        return {"type": "choice", "labels": [both(node.get("x-choices", {}).get(value, {"en": str(value)}), langs)]}
    if kind == "multiple_choice":
        choices = template.choices_of(node) or {}
        return {"type": "choice", "labels": [both(choices.get(v, {"en": str(v)}), langs) for v in value]}
    if kind == "yes_no_details":
        choices = template.resolve(node["properties"]["answer"])["x-choices"]
        choice = both(choices.get(value.get("answer"), {"en": str(value.get("answer"))}), langs)
        return {"type": "choice", "labels": [choice], "texts": texts(value.get("details") or {}, langs)}
    if kind == "boolean":
        return {"type": "choice", "labels": [both(template.defs["yes_no"]["x-choices"]["yes" if value else "no"], langs)]}
    if kind == "count" or node.get("type") == "number":
        return {"type": "value", "text": per_lang(lambda l: formatting.number(value, l, digits), langs)}
    if node.get("type") == "integer":  # years, meeting numbers: no grouping
        return {"type": "value", "text": per_lang(lambda l: formatting.digits(str(value), l, digits), langs)}
    if kind == "date":
        return {"type": "value", "text": per_lang(lambda l: formatting.date(value, l, digits), langs)}
    if kind == "period":
        return {"type": "value", "text": per_lang(lambda l: f"{formatting.date(value.get('from'), l, digits)} – {formatting.date(value.get('to'), l, digits)}", langs)}
    if kind == "money":
        return {"type": "value", "text": per_lang(lambda l: formatting.money(value["amount"], value["currency"], l, digits), langs)}
    if kind == "state_code":
        return {"type": "value", "text": per_lang(lambda l: f"{formatting.state_name(value, l)} ({value})", langs)}
    if kind == "text":
        return {"type": "text", "texts": texts(value, langs)}
    if kind == "text_plain":
        return {"type": "plain", "text": str(value), "dir": text_dir(str(value))}
    if kind == "table":
        return table(template, node, value, langs, digits)
    if kind in ("group", "contact"):
        return group(template, node, value, langs, digits)
    return {"type": "plain", "text": str(value), "dir": text_dir(str(value))}


def group(template: Template, node: dict, value: dict, langs: tuple[str, ...], digits: str) -> dict:
    fields = []
    for key, child in template.children(node):
        shown = display(template, child, value.get(key), langs, digits)
        if shown is not None:
            fields.append({"key": key, "label": both(child.get("x-label"), langs), "value": shown})
    if template.resolve(node).get("x-def") == "sdg_16_4_2":
        total = sum(value.get(k, 0) for k in ("seized", "found", "surrendered"))
        if total and "traced" in value:
            fields.append({"key": "traced_ratio", "label": {l: "" for l in langs}, "derived": True,
                           "value": {"type": "value", "text": per_lang(lambda l: formatting.percent(value["traced"] / total, l, digits), langs)}})
    return {"type": "group", "fields": fields}


def table(template: Template, node: dict, rows: list, langs: tuple[str, ...], digits: str) -> dict:
    row_node = template.resolve(node["items"])
    fields = list(template.children(row_node))
    main = row_node.get("x-columns") or [k for k, _ in fields][:6]
    columns = [{"key": k, "label": both(c.get("x-label"), langs)} for k, c in fields if k in main]
    out_rows = []
    for row in rows:
        cells = [display(template, c, row.get(k), langs, digits) for k, c in fields if k in main]
        extra = []
        for k, c in fields:
            if k not in main:
                shown = display(template, c, row.get(k), langs, digits)
                if shown is not None:
                    extra.append({"key": k, "label": both(c.get("x-label"), langs), "value": shown})
        out_rows.append({"cells": cells, "extra": extra})
    return {"type": "table", "columns": columns, "rows": out_rows}


def as_text(template: Template, node: dict, value: Any, lang: str, digits: str = "latn") -> str:
    """One line of plain text for an answer in one language ("" if unanswered): table cells, diffs."""
    shown = display(template, node, value, (lang,), digits)
    return _flatten(shown, lang) if shown else ""


def _flatten(shown: dict, lang: str) -> str:
    kind = shown["type"]
    if kind == "choice":
        words = ", ".join(label[lang] for label in shown["labels"])
        details = " ".join(t["text"] for t in shown.get("texts", ()))
        return f"{words}: {details}" if details else words
    if kind == "value":
        return shown["text"][lang]
    if kind == "text":
        return " / ".join(t["text"] for t in shown["texts"])
    if kind == "plain":
        return shown["text"]
    if kind == "group":
        return "; ".join(f"{f['label'][lang]}: {_flatten(f['value'], lang)}" if f["label"][lang] else _flatten(f["value"], lang)
                         for f in shown["fields"])
    return " | ".join("; ".join(_flatten(c, lang) for c in row["cells"] if c) for row in shown["rows"])
