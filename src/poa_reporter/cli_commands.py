"""The commands beyond ``validate`` and ``schema``, registered on the CLI."""
from __future__ import annotations

import argparse
import os
import sys
import time

from poa_reporter.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _EXTRA_PARSERS, command

LANG_MODES = ("ar+en", "ar", "en")


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANG_MODES, default="ar+en", help="languages of the PDF (default ar+en: Arabic right-to-left with English)")
    p.add_argument("--digits", choices=("latn", "arab"), default="latn", help="digits in Arabic text: latn (0-9, default) or arab (٠-٩)")
    p.add_argument("--pdf-variant", choices=("pdf/a-3b", "pdf/ua-1"), default=None, help="archival (pdf/a-3b) or accessible (pdf/ua-1) PDF")


def _parsers(sub) -> None:
    p = sub.add_parser("render", help="render a report as a bilingual PDF")
    p.add_argument("report", metavar="REPORT.json")
    p.add_argument("-o", "--output", metavar="REPORT.pdf", help="output file (default: the report's name with .pdf)")
    _render_options(p)

    p = sub.add_parser("render-batch", help="render every report in a directory")
    p.add_argument("directory", metavar="DIR")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="directory for the PDFs (named STATE-BMS9-2026.pdf)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per core)")
    p.add_argument("--force", action="store_true", help="overwrite PDFs that already exist")
    _render_options(p)


_EXTRA_PARSERS.append(_parsers)


@command("render")
def cmd_render(args: argparse.Namespace) -> int:
    from poa_reporter.loader import LoadError, read_report
    from poa_reporter.rendering import ReportNotRenderable, check_renderable, render_report

    try:
        report = read_report(args.report)
    except LoadError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    try:
        warnings = check_renderable(args.report, report)
    except ReportNotRenderable as exc:
        print(exc, file=sys.stderr)
        print("  run `poa-report validate` for every problem", file=sys.stderr)
        return EXIT_INVALID
    for w in warnings:
        print(f"{args.report}: warning: {w.where()} {w.message}", file=sys.stderr)
    output = args.output or os.path.splitext(args.report)[0] + ".pdf"
    out_dir = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(out_dir):
        print(f"{output}: the folder {out_dir} does not exist", file=sys.stderr)
        return EXIT_USAGE
    start = time.perf_counter()
    size = render_report(report, output, args.lang, args.digits, args.pdf_variant)
    print(f"{output}: {size / 1024:.0f} KB in {time.perf_counter() - start:.1f} s")
    return EXIT_OK


@command("render-batch")
def cmd_render_batch(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from poa_reporter.report_files import expand
    from poa_reporter.rendering import render_batch

    if not os.path.isdir(args.directory):
        print(f"{args.directory}: not a directory", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print("--jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    sources = expand([args.directory])
    if not sources:
        print(f"{args.directory}: no *.json reports found", file=sys.stderr)
        return EXIT_USAGE
    err = Console(stderr=True, highlight=False)
    start = time.perf_counter()
    with Progress(TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"),
                  TimeRemainingColumn(), console=err, transient=True) as progress:
        task = progress.add_task("render", total=len(sources))

        def done(item):
            if item.status != "rendered":
                progress.console.print(item.message, markup=False, soft_wrap=True)
            progress.advance(task)

        items = render_batch(sources, args.output, args.jobs, args.lang, args.digits, args.pdf_variant, args.force, on_done=done)
    counts = {s: sum(i.status == s for i in items) for s in ("rendered", "invalid", "unreadable", "exists", "failed")}
    elapsed = time.perf_counter() - start
    print(f"{len(items)} reports: {counts['rendered']} rendered, {counts['invalid']} invalid, {counts['unreadable']} unreadable, "
          f"{counts['exists']} skipped (exists), {counts['failed']} failed, in {elapsed:.1f} s → {args.output}")
    return EXIT_OK if counts["rendered"] == len(items) else EXIT_INVALID
