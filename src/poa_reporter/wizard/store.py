"""Where the wizard keeps a report: the report file, and a recovery draft beside it.

Every change is autosaved to the draft (``.NAME.draft`` next to the report)
with an atomic write; saving writes the report itself, atomically too. A kill
at any moment leaves both files as they were before or after the write,
never half-written.
"""
from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from poa_reporter.fileio import atomic_write_json
from poa_reporter.i18n import N_
from poa_reporter.loader import LoadError, read_json, read_report

DRAFT_MARK = "poa_reporter_draft"


@dataclass
class Opened:
    report: dict
    position: dict = field(default_factory=dict)
    recovered: bool = False   # the draft held changes that were never saved
    new: bool = False


class ReportStore:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.draft_path = self.path.with_name(f".{self.path.name}.draft")
        self._saved: Any = None

    def exists(self) -> bool:
        return self.path.exists()

    def _read_draft(self) -> dict | None:
        if not self.draft_path.exists():
            return None
        try:
            draft = read_json(self.draft_path)
        except LoadError:
            return None
        if isinstance(draft, dict) and draft.get(DRAFT_MARK) == 1 and isinstance(draft.get("report"), dict):
            return draft
        return None

    def _check_shape(self, report: dict, lang: str) -> None:
        """Refuse a report with values of the wrong type: the forms could not show them,
        and saving from the forms would lose them. A text editor must fix those first."""
        from poa_reporter.validation import validate

        problems = validate(report, lang)
        old = [p for p in problems if p.code == "old-version"]
        if old:
            raise LoadError(self.path, N_("cannot be opened in the wizard: {problem}"), lang, problem=old[0].message)
        wrong = [p for p in problems if p.code == "type"]
        if wrong:
            raise LoadError(self.path, N_("cannot be opened in the wizard: {pointer}: {problem} ({count} values of the wrong type "
                                          "in all; fix them in a text editor, `poa-report validate` lists them)"), lang,
                            pointer=wrong[0].where(), problem=wrong[0].message, count=len(wrong))

    def open(self, lang: str = "en") -> Opened:
        """The report (raises LoadError if unreadable), or the newer unsaved draft of it."""
        for target in (self.path, self.draft_path):  # temporary files left by a killed write
            for stale in target.parent.glob(f".{target.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        draft = self._read_draft()
        if not self.path.exists():
            if draft and not draft.get("saved"):
                return Opened(draft["report"], draft.get("position") or {}, recovered=True, new=True)
            return Opened({}, new=True)
        report = read_report(self.path, lang)
        self._check_shape(report, lang)
        self._saved = copy.deepcopy(report)
        if draft and not draft.get("saved") and draft["report"] != report:
            return Opened(draft["report"], draft.get("position") or {}, recovered=True)
        return Opened(report, (draft or {}).get("position") or {})

    def autosave(self, report: dict, position: dict) -> None:
        atomic_write_json(self.draft_path, {DRAFT_MARK: 1, "saved": report == self._saved, "position": position, "report": report})

    def save(self, report: dict, position: dict) -> None:
        atomic_write_json(self.path, report)
        self._saved = copy.deepcopy(report)
        self.autosave(report, position)

    def dirty(self, report: dict) -> bool:
        return report != self._saved

    def discard_draft(self, position: dict) -> None:
        """Forget unsaved changes, keeping the place the user was at."""
        if self._saved is None:
            try:
                self.draft_path.unlink()
            except FileNotFoundError:
                pass
        else:
            self.autosave(self._saved, position)
