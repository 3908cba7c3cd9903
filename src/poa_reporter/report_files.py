"""Finding report files and loading them through validation, one file at a time."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from poa_reporter.loader import MAX_BYTES, LoadError, read_report
from poa_reporter.problems import Problem
from poa_reporter.rules import MESSAGES as RULE_MESSAGES
from poa_reporter.validation import validate


@dataclass
class Checked:
    path: str
    data: dict | None = None
    error: LoadError | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.error is None and not self.problems

    def as_dict(self) -> dict:
        return {"file": self.path, "valid": self.valid, "error": self.error.message if self.error else None,
                "problems": [p.as_dict() for p in self.problems]}


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a directory stands for the ``*.json`` files directly inside it, sorted."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.glob("*.json")) if f.is_file())
        else:
            out.append(raw)
    return out


def check_file(path: str, lang: str = "en", max_bytes: int = MAX_BYTES) -> Checked:
    try:
        data = read_report(path, lang, max_bytes)
    except LoadError as exc:
        return Checked(path, error=exc)
    return Checked(path, data=data, problems=validate(data, lang))


def check_files(paths: Iterable[str], lang: str = "en", max_bytes: int = MAX_BYTES) -> Iterator[Checked]:
    for path in paths:
        yield check_file(path, lang, max_bytes)


def valid_reports(paths: Iterable[str], warn, lang: str = "en") -> tuple[list[tuple[str, dict]], int]:
    """Reports that can be used, in order; each other one named through ``warn`` in one line.

    Returns them with the worst status: 0 all usable, 1 some invalid, 2 some unreadable.
    """
    usable, status = [], 0
    for result in check_files(expand(paths), lang):
        if result.error:
            warn(str(result.error))
            status = 2
        elif result.problems and any(p.code not in RULE_MESSAGES for p in result.problems):
            first = result.problems[0]
            warn(f"{result.path}: invalid report, skipped: {first.where()} {first.message}"
                 + (f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""))
            status = max(status, 1)
        else:
            usable.append((result.path, result.data))
    return usable, status
