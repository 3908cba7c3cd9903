"""Rendering reports to PDF files: one file, or a whole directory with a pool of warm workers."""
from __future__ import annotations

import atexit
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from poa_reporter import rules
from poa_reporter.fileio import atomic_write_bytes
from poa_reporter.loader import LoadError, read_report
from poa_reporter.problems import Problem
from poa_reporter.template import load_template, resolve_pointer
from poa_reporter.validation import validate


class ReportNotRenderable(Exception):
    """The report breaks the schema: its problems are in ``problems``."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path, self.problems = path, problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{path}: invalid report, not rendered: {first.where()} {first.message}{more}")


class TooLargeToRender(ReportNotRenderable):
    """A valid report with a table too long to lay out as pages in reasonable time and memory."""

    def __init__(self, path: str, label: str, rows: int):
        self.path, self.problems = path, []
        Exception.__init__(self, f"{path}: not rendered: “{label}” has {rows} rows, and a PDF shows at most "
                                 f"{MAX_PDF_TABLE_ROWS} rows per table (`poa-report assistance` exports any number of needs)")


# Measured: 10 000 assistance needs take 8 minutes and 6.7 GB to lay out; 500 rows take 21 s
# and 450 MB.  No State has reported anywhere near 500 rows in one table.
MAX_PDF_TABLE_ROWS = 500


def check_renderable(path: str, report: dict, lang: str = "en") -> list[Problem]:
    """Schema problems stop rendering; rule problems (e.g. missing details, a draft's
    dates) do not: a draft must still print. Those are returned as warnings."""
    problems = validate(report, lang)
    blocking = [p for p in problems if p.code not in rules.MESSAGES]  # schema problems
    if blocking:
        raise ReportNotRenderable(path, blocking)
    for question in load_template().questions.values():
        rows = resolve_pointer(report, question.pointer)
        if isinstance(rows, list) and len(rows) > MAX_PDF_TABLE_ROWS:
            raise TooLargeToRender(path, question.text(lang), len(rows))
    return problems


def output_name(report: dict, fallback: str) -> str:
    """``STATE-BMS9-2026.pdf`` from the metadata; the input's name if those are missing."""
    meta = report.get("metadata") if isinstance(report.get("metadata"), dict) else {}
    meeting = meta.get("meeting") if isinstance(meta.get("meeting"), dict) else {}
    parts = [meta.get("state"), f"{meeting.get('type', '')}{meeting.get('number', '')}", meeting.get("year")]
    if not all(parts) or not all(re.fullmatch(r"[A-Za-z0-9]+", str(p)) for p in parts):
        return re.sub(r"[^\w.-]+", "_", Path(fallback).stem) + ".pdf"
    return "-".join(str(p) for p in parts) + ".pdf"


# -- one warm renderer per process -------------------------------------------
_RENDERER = None


def renderer():
    global _RENDERER
    if _RENDERER is None:
        from poa_reporter.pdf import Renderer

        _RENDERER = Renderer()
        atexit.register(_drop_renderer)  # free its fonts while WeasyPrint is still importable
    return _RENDERER


def _drop_renderer() -> None:
    global _RENDERER
    _RENDERER = None


def render_report(report: dict, output: str | os.PathLike, lang_mode: str = "ar+en", digits: str = "latn",
                  variant: str | None = None) -> int:
    pdf = renderer().render(report, lang_mode, digits, variant)
    atomic_write_bytes(output, pdf)
    return len(pdf)


@dataclass
class BatchItem:
    source: str
    output: str | None = None
    status: str = "pending"  # rendered | invalid | unreadable | exists | failed
    message: str = ""
    seconds: float = 0.0
    warnings: int = 0


def _render_one(source: str, report: dict, output: str, lang_mode: str, digits: str, variant: str | None) -> tuple[str, str, float, int]:
    start = time.perf_counter()
    try:
        warnings = check_renderable(source, report)
        render_report(report, output, lang_mode, digits, variant)
    except ReportNotRenderable as exc:
        return "invalid", str(exc), time.perf_counter() - start, 0
    except Exception as exc:  # one broken report never stops the batch
        return "failed", f"{source}: rendering failed: {type(exc).__name__}: {exc}", time.perf_counter() - start, 0
    return "rendered", "", time.perf_counter() - start, len(warnings)


def _warm_up() -> None:
    renderer()


def plan_batch(sources: Iterable[str], out_dir: Path, force: bool = False) -> tuple[list[BatchItem], dict[str, dict]]:
    """Read every report, give each a unique output name, and mark the ones that cannot be rendered."""
    items, reports, taken = [], {}, set()
    for source in sources:
        item = BatchItem(source)
        items.append(item)
        try:
            reports[source] = read_report(source)
        except LoadError as exc:
            item.status, item.message = "unreadable", str(exc)
            continue
        name = output_name(reports[source], source)
        if name in taken:  # two reports of one State and meeting: keep both
            name = Path(name).stem + "-" + output_name({}, source)
        taken.add(name)
        item.output = str(out_dir / name)
        if not force and os.path.exists(item.output):
            item.status, item.message = "exists", f"{item.output} exists (use --force to overwrite)"
    return items, reports


def render_batch(sources: list[str], out_dir: str | os.PathLike, jobs: int = 2, lang_mode: str = "ar+en",
                 digits: str = "latn", variant: str | None = None, force: bool = False,
                 on_done: Callable[[BatchItem], None] | None = None) -> list[BatchItem]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    items, reports = plan_batch(sources, out, force)
    todo = [i for i in items if i.status == "pending"]
    for item in items:
        if item.status != "pending" and on_done:
            on_done(item)
    if not todo:
        return items
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))), initializer=_warm_up) as pool:
        futures = {pool.submit(_render_one, i.source, reports.pop(i.source), i.output, lang_mode, digits, variant): i for i in todo}
        for future in as_completed(futures):
            item = futures[future]
            try:
                item.status, item.message, item.seconds, item.warnings = future.result()
            except Exception as exc:  # a worker died (e.g. out of memory): report it, go on
                item.status, item.message = "failed", f"{item.source}: worker failed: {type(exc).__name__}: {exc}"
            if on_done:
                on_done(item)
    return items
