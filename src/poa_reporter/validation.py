"""Validate a report: JSON Schema first, then the rules beyond it; every
problem reported the same way (pointer, question label, message)."""
from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any, Iterable

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from poa_reporter import rules
from poa_reporter.i18n import N_, gettext_for, type_name
from poa_reporter.migration import CURRENT_VERSION, migrations
from poa_reporter.problems import Problem
from poa_reporter.template import Template, join_pointer, load_template

SCHEMA_MESSAGES = {
    "required": N_("This field is required."),
    "additionalProperties": N_("Unknown field “{name}”: the template has no such question or field."),
    "type": N_("Expected {expected}, found {found}."),
    "enum": N_("“{value}” is not one of the allowed answers: {allowed}."),
    "const": N_("Must be “{expected}”."),
    "old-version": N_("The report follows template version {found}; the current one is {expected}. "
                      "`poa-report migrate` brings it up to date."),
    "minimum": N_("Must be at least {limit}."),
    "exclusiveMinimum": N_("Must be more than {limit}."),
    "maximum": N_("Must be at most {limit}."),
    "minLength": N_("Must not be empty."),
    "maxLength": N_("Too long: {length} characters, at most {limit} allowed."),
    "minItems": N_("Give at least {limit} item(s)."),
    "maxItems": N_("Too many rows: {length}, at most {limit} allowed."),
    "uniqueItems": N_("The same item is listed twice."),
    "minProperties": N_("Give the text in at least one language."),
    "pattern": N_("“{value}” is not in the expected form ({hint})."),
    "format": N_("“{value}” is not a valid {format} ({hint})."),
}
FALLBACK = N_("Invalid value ({keyword}).")


@cache
def schema_validator() -> Draft202012Validator:
    """The reference validator (python-jsonschema): it explains every error."""
    template = load_template()
    Draft202012Validator.check_schema(template.schema)
    return Draft202012Validator(template.schema, format_checker=FormatChecker(["date"]))


@cache
def _fast_is_valid():
    """A compiled validator (jsonschema-rs) for the common case: a valid report.

    Only a yes is trusted; any doubt goes to the reference validator, so the
    two can never disagree in what is reported.
    """
    try:
        import jsonschema_rs
    except ImportError:  # optional accelerator
        return lambda report: False
    return jsonschema_rs.Draft202012Validator(load_template().schema, validate_formats=True).is_valid


def _pointer(error: ValidationError) -> str:
    pointer = ""
    for token in error.absolute_path:
        pointer = join_pointer(pointer, token)
    return pointer


def _short(value: Any, limit: int = 60) -> str:
    """A value quoted in a message: shortened, and with control and bidi-control characters
    shown as ``<U+202E>`` so that they cannot reorder or garble the terminal line."""
    text = value if isinstance(value, str) else repr(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def _schema_problems(template: Template, error: ValidationError, lang: str) -> Iterable[tuple[str, str, str, dict]]:
    keyword = error.validator
    pointer = _pointer(error)
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                yield join_pointer(pointer, name), keyword, SCHEMA_MESSAGES[keyword], {}
        return
    if keyword == "additionalProperties":
        known = schema.get("properties", {})
        for name in value:
            if name not in known:
                yield join_pointer(pointer, name), keyword, SCHEMA_MESSAGES[keyword], {"name": _short(name)}
        return
    if keyword == "propertyNames":
        return
    hint = schema.get("x-format-hint") or (template.node_at(pointer) or {}).get("x-format-hint", "")
    params = {
        "type": lambda: {"expected": " / ".join(type_name(t, lang) for t in ([error.validator_value] if isinstance(error.validator_value, str) else error.validator_value)),
                         "found": type_name(value, lang, is_value=True)},
        "enum": lambda: {"value": _short(value), "allowed": ", ".join(map(str, error.validator_value))},
        "const": lambda: {"expected": error.validator_value},
        "pattern": lambda: {"value": _short(value), "hint": hint or error.validator_value},
        "format": lambda: {"value": _short(value), "format": error.validator_value, "hint": hint},
        "maxLength": lambda: {"length": len(value), "limit": error.validator_value},
        "maxItems": lambda: {"length": len(value), "limit": error.validator_value},
    }.get(keyword, lambda: {"limit": error.validator_value})()
    yield pointer, keyword, SCHEMA_MESSAGES.get(keyword, FALLBACK), {**params, "keyword": keyword}


def _problem(template: Template, lang: str, pointer: str, code: str, msgid: str, params: dict) -> Problem:
    _ = gettext_for(lang)
    parts = template.label_parts(pointer, lang, row_word=_("row {n}"))
    return Problem(pointer=pointer, code=code, message=_(msgid).format(**params), label=" › ".join(parts))


def validate(report: Any, lang: str = "en", *, with_rules: bool = True) -> list[Problem]:
    """Every problem in ``report`` (already parsed JSON), schema problems first."""
    template = load_template()
    found: dict[str, Problem] = {}  # one problem per location: the first found says the most
    version = report.get("schema_version") if isinstance(report, dict) else None
    if version != CURRENT_VERSION and version in migrations():
        found["/schema_version"] = _problem(template, lang, "/schema_version", "old-version", SCHEMA_MESSAGES["old-version"],
                                            {"found": version, "expected": CURRENT_VERSION})
    errors = [] if _fast_is_valid()(report) else sorted(
        schema_validator().iter_errors(report), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        for pointer, code, msgid, params in _schema_problems(template, error, lang):
            found.setdefault(pointer, _problem(template, lang, pointer, code, msgid, params))
    if with_rules and isinstance(report, dict):
        try:
            for pointer, code, msgid, params in rules.check(template, report, lang):
                found.setdefault(pointer, _problem(template, lang, pointer, code, msgid, params))
        except RecursionError:
            pass
    return list(found.values())


def is_schema_valid(report: Any) -> bool:
    return _fast_is_valid()(report) or schema_validator().is_valid(report)


@cache
def satellite_validator(name: str) -> Draft202012Validator:
    """A validator for the other published schemas (offers, exports), which refer to the report schema by ``$id``."""
    import json

    from referencing import Registry, Resource

    from poa_reporter.resources import schema_path

    main = load_template().schema
    registry = Registry().with_resource(main["$id"], Resource.from_contents(main))
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker(["date"]))


def validate_document(data: Any, schema_name: str, lang: str = "en") -> list[Problem]:
    """Schema problems of a document under one of the satellite schemas (no question labels there)."""
    template = load_template()
    _ = gettext_for(lang)
    found: dict[str, Problem] = {}
    for error in sorted(satellite_validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        for pointer, code, msgid, params in _schema_problems(template, error, lang):
            found.setdefault(pointer, Problem(pointer, code, _(msgid).format(**params), ""))
    return list(found.values())
