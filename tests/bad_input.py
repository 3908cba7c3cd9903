"""The bad-input corpus: every kind of broken or hostile report file a command may be given.

The files are written on demand (a 50 MB file does not belong in git).  Each entry says
what the commands must answer: the exit code of ``poa-report validate`` and a fragment
of the one line (or the problem) it must print.
"""
from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example(name: str = "chad-bms9-bilingual.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _minimal_with_summary(summary: dict) -> dict:
    """The minimal report with ``summary`` as its executive summary (a free-text answer)."""
    report = _example("minimal-valid.json")
    report["metadata"]["executive_summary"] = summary
    return report


def _need(i: int) -> dict:
    return {"id": f"N{i}", "areas": ["marking"], "types": ["equipment"],
            "title": {"en": f"Need {i}"}, "status": "open", "shareable": True,
            "budget": {"amount": 1000 + i, "currency": "USD"}}


def _ten_thousand_needs() -> bytes:
    report = _example("minimal-valid.json")
    report["assistance"] = {"needs_assistance": "yes", "assistance_needs": [_need(i) for i in range(10_000)]}
    return _dump(report)


def _fifty_megabytes() -> bytes:
    report = _example("minimal-valid.json")
    report["filler"] = "x" * (50 * 1024 * 1024)
    return _dump(report)


def _huge_string() -> bytes:
    return _dump(_minimal_with_summary({"en": "A" * 1_000_000}))


def _deep_nesting() -> bytes:
    return b'{"schema_version": "1.0", "metadata": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _wrong_types() -> bytes:
    report = _example()
    for key in list(report):
        if key not in ("schema_version",):
            report[key] = [1, "two", None] if isinstance(report[key], dict) else {"x": 1}
    return _dump(report)


def _unknown_fields() -> bytes:
    report = _example()
    report["colour"] = "blue"
    report["marking"]["favourite_weapon"] = "none"
    return _dump(report)


def _control_characters() -> bytes:
    return _dump(_minimal_with_summary({"en": "bell\u0007 nul\u0000 escape\u001b[31m red"}))


def _bidi_controls() -> bytes:
    # a right-to-left override that would reverse what follows, and unbalanced isolates
    return _dump(_minimal_with_summary({"en": "Total: \u202e0001 USD\u2066 open isolate", "ar": "\u200fنص\u202b عربي"}))


def _bom() -> bytes:
    return codecs.BOM_UTF8 + _dump(_example("minimal-valid.json"))


def _utf16() -> bytes:
    return json.dumps(_example("minimal-valid.json"), ensure_ascii=False).encode("utf-16")


def _latin1() -> bytes:
    return json.dumps(_minimal_with_summary({"en": "Sécurité publique"}), ensure_ascii=False).encode("latin-1")


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    exit_code: int          # what ``validate`` answers
    says: str               # a fragment of its message
    loads: bool             # whether the file loads at all (the other commands then check it)


CASES = [
    Case("malformed", lambda: b'{"schema_version": "1.0", "metadata": {"state": "TCD",}', 2, "not valid JSON: Expecting property name", False),
    Case("truncated", lambda: _dump(_example())[:5000], 2, "not valid JSON", False),
    Case("utf16", _utf16, 2, "UTF-16 or UTF-32 encoded; save it as UTF-8", False),
    Case("latin1", _latin1, 2, "not valid UTF-8 (byte 0xE9", False),
    Case("bom", _bom, 0, "valid", True),
    Case("empty", lambda: b"", 2, "the file is empty", False),
    Case("whitespace", lambda: b" \n\t\n", 2, "the file is empty", False),
    Case("not-an-object", lambda: b"[1, 2, 3]", 2, "must be a JSON object", False),
    Case("fifty-megabytes", _fifty_megabytes, 2, "over the 16.0 MB limit", False),
    Case("deep-nesting", _deep_nesting, 2, "nested more than 64 levels deep", False),
    Case("ten-thousand-needs", _ten_thousand_needs, 0, "valid", True),
    Case("huge-string", _huge_string, 1, "Too long: 1000000 characters, at most 20000 allowed", True),
    Case("wrong-types", _wrong_types, 1, "Expected an object, found a list", True),
    Case("unknown-fields", _unknown_fields, 1, "Unknown field “colour”", True),
    Case("control-characters", _control_characters, 1, "control character", True),
    Case("bidi-controls", _bidi_controls, 0, "valid", True),
]


def write_corpus(directory: Path, names: list[str] | None = None) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        if names is None or case.name in names:
            path = directory / f"{case.name}.json"
            path.write_bytes(case.content())
            paths[case.name] = path
    return paths
