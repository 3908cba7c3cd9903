"""Read a report file into plain JSON data, or fail with one clear line."""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

from poa_reporter.i18n import N_, gettext_for, type_name

# A national report with hundreds of table rows is well under 1 MiB; the limit
# keeps a stray dump or an attack file from eating the machine's memory.
MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


class LoadError(Exception):
    """A file that cannot be read as a report. ``str()`` is one line for the user."""

    def __init__(self, path: str | os.PathLike, message: str, lang: str = "en", **params: Any):
        self.path = str(path)
        self.msgid = message
        self.params = params
        self.lang = lang
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return gettext_for(self.lang)(self.msgid).format(**self.params)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of ``value``, stopping once past ``limit`` (iterative: no recursion errors)."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return deepest


def decode(raw: bytes, path: str, lang: str = "en") -> str:
    if not raw.strip():
        raise LoadError(path, N_("the file is empty"), lang)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or (
        len(raw) > 1 and (raw[0] == 0 or raw[1] == 0)
    ):
        raise LoadError(path, N_("the file is UTF-16 or UTF-32 encoded; save it as UTF-8"), lang)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise LoadError(path, N_("not valid UTF-8 (byte 0x{byte:02X} at line {line}, column {column}); save the file as UTF-8"),
                        lang, byte=raw[exc.start], line=line, column=column) from None


def parse(text: str, path: str, lang: str = "en") -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(path, N_("not valid JSON: {error} (line {line}, column {column})"), lang,
                        error=exc.msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        data = None
    if data is None or _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise LoadError(path, N_("the JSON is nested more than {limit} levels deep"), lang, limit=MAX_DEPTH)
    return data


def read_json(path: str | os.PathLike, lang: str = "en", max_bytes: int = MAX_BYTES) -> Any:
    """Any JSON document, with the size, encoding and syntax checks."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise LoadError(path, N_("is a directory, not a report file"), lang)
        if size > max_bytes:
            raise LoadError(path, N_("the file is {size} MB, over the {limit} MB limit"), lang,
                            size=round(size / 1048576, 1), limit=round(max_bytes / 1048576, 1))
        with open(p, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError(path, N_("no such file"), lang) from None
    except PermissionError:
        raise LoadError(path, N_("permission denied"), lang) from None
    except IsADirectoryError:
        raise LoadError(path, N_("is a directory, not a report file"), lang) from None
    except OSError as exc:
        raise LoadError(path, N_("cannot be read: {reason}"), lang, reason=exc.strerror or exc) from None
    if len(raw) > max_bytes:
        raise LoadError(path, N_("the file is over the {limit} MB limit"), lang, limit=round(max_bytes / 1048576, 1))
    return parse(decode(raw, str(path), lang), str(path), lang)


def read_report(path: str | os.PathLike, lang: str = "en", max_bytes: int = MAX_BYTES) -> dict:
    """A report file as a JSON object (not yet validated)."""
    data = read_json(path, lang, max_bytes)
    if not isinstance(data, dict):
        raise LoadError(path, N_("a report must be a JSON object, but the file holds {kind}"), lang,
                        kind=type_name(data, lang, is_value=True))
    return data
