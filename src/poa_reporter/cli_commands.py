"""The commands beyond ``validate`` and ``schema``, registered on the CLI."""
from __future__ import annotations

import argparse
import json
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
    from poa_reporter.rendering import ReportNotRenderable, TooLargeToRender, check_renderable, render_report

    try:
        report = read_report(args.report)
    except LoadError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    try:
        warnings = check_renderable(args.report, report)
    except ReportNotRenderable as exc:
        print(exc, file=sys.stderr)
        if not isinstance(exc, TooLargeToRender):
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


def _assistance_parsers(sub) -> None:
    p = sub.add_parser("assistance", help="export the assistance needs of reports for matchmaking")
    p.add_argument("reports", nargs="+", metavar="REPORT.json", help="reports (a directory means its *.json files)")
    p.add_argument("--format", choices=("csv", "json", "xlsx"), default="csv", help="export format (default csv)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output; required for xlsx)")
    p.add_argument("--include-private", action="store_true", help="include needs not marked as shareable with donors")
    p.add_argument("--summary", action="store_true", help="needs per area, type and region, and total budget per currency")

    p = sub.add_parser("match", help="match assistance needs with donors' offers")
    p.add_argument("reports", nargs="+", metavar="NEEDS", help="reports with assistance needs (or directories)")
    p.add_argument("--offers", required=True, metavar="OFFERS.json", help="an offers file, or a national report listing offers")
    p.add_argument("--top", type=int, default=3, help="best offers shown per need (default 3)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write json/csv here (default: standard output)")
    p.add_argument("--include-private", action="store_true", help="also match needs not marked as shareable")


_EXTRA_PARSERS.append(_assistance_parsers)


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _emit(text_or_bytes, output: str | None) -> None:
    from poa_reporter.fileio import atomic_write_bytes

    if output:
        atomic_write_bytes(output, text_or_bytes if isinstance(text_or_bytes, bytes) else text_or_bytes.encode("utf-8"))
    else:
        sys.stdout.write(text_or_bytes)


def _records(args) -> tuple[list[dict] | None, int]:
    """The need records of the usable reports, or None (and why, on stderr) when there are none."""
    from poa_reporter.assistance import need_records
    from poa_reporter.report_files import valid_reports

    reports, status = valid_reports(args.reports, _warn)
    if not reports:
        print(f"poa-report {args.command}: no usable report, nothing written", file=sys.stderr)
        return None, status or EXIT_USAGE
    records = [r for path, data in reports for r in need_records(data, path, args.include_private)]
    return records, status


@command("assistance")
def cmd_assistance(args: argparse.Namespace) -> int:
    from poa_reporter import assistance

    if args.format == "xlsx" and not args.output and not args.summary:
        print("poa-report assistance: --format xlsx needs -o FILE", file=sys.stderr)
        return EXIT_USAGE
    records, status = _records(args)
    if records is None:
        return status
    if args.summary:
        summary = assistance.summarize(records)
        if args.format == "json":
            _emit(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n", args.output)
        else:
            _print_summary(summary)
        return status
    data = {"csv": assistance.to_csv, "json": assistance.to_json, "xlsx": assistance.to_xlsx}[args.format](records)
    _emit(data, args.output)
    if args.output:
        print(f"{args.output}: {len(records)} need(s)", file=sys.stderr)
    return status


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(f"{summary.needs} assistance need(s) from {len(summary.states)} State(s)")
    for title, counter in (("area", summary.by_area), ("type", summary.by_type), ("region", summary.by_region)):
        table = Table(title=f"Needs per {title}", title_justify="left")
        table.add_column(title)
        table.add_column("needs", justify="right")
        for key, count in counter.most_common():
            table.add_row(key, str(count))
        console.print(table)
    table = Table(title="Total indicative budget per currency", title_justify="left")
    table.add_column("currency")
    table.add_column("total", justify="right")
    for currency, total in sorted(summary.budget_by_currency.items()):
        table.add_row(currency, f"{total:,.0f}")
    console.print(table)


@command("match")
def cmd_match(args: argparse.Namespace) -> int:
    from poa_reporter.loader import LoadError, read_json
    from poa_reporter.matching import best_matches, offers_from
    from poa_reporter.validation import validate, validate_document

    if args.top < 1:
        print("poa-report match: --top must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        document = read_json(args.offers)
    except LoadError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    if not isinstance(document, dict):
        print(f"{args.offers}: an offers file must be a JSON object", file=sys.stderr)
        return EXIT_USAGE
    problems = validate_document(document, "assistance-offers.schema.json") if "offers" in document else validate(document)
    if problems:
        print(f"{args.offers}: invalid offers: {problems[0].where()} {problems[0].message}", file=sys.stderr)
        return EXIT_INVALID
    offers = offers_from(document)
    if not offers:
        print(f"{args.offers}: no offers in this file", file=sys.stderr)
        return EXIT_INVALID
    records, status = _records(args)
    if records is None:
        return status
    results = best_matches(records, offers, args.top)
    rows = [m.as_dict() | {"rank": i + 1} for _, matches in results for i, m in enumerate(matches)]
    if args.format == "json":
        _emit(json.dumps({"needs": len(records), "offers": len(offers), "matches": rows}, ensure_ascii=False, indent=2) + "\n", args.output)
    elif args.format == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["state", "need_id", "need_title", "rank", "offer_id", "donor", "score", "reasons", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "reasons": "; ".join(r["reasons"])} for r in rows)
        _emit(buffer.getvalue(), args.output)
    else:
        _print_matches(results, len(offers))
    return status


def _print_matches(results, n_offers: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from poa_reporter.i18n import pick

    console = Console(highlight=False)
    table = Table(title=f"Best offers for {len(results)} need(s) among {n_offers} offer(s)", title_justify="left", show_lines=True)
    for col in ("State", "need", "offer", "score", "why"):
        table.add_column(col, overflow="fold")
    for need, matches in results:
        label = f"{need['need_id']}: {pick(need.get('title'), 'en')}"
        if not matches:
            table.add_row(need["state"], label, "—", "", "no offer shares an area and a type of assistance")
        for m in matches:
            table.add_row(need["state"], label, f"{m.offer['donor']} ({m.offer['id']})", str(m.score), "\n".join(m.reasons))
    console.print(table)


def _wizard_parser(sub) -> None:
    p = sub.add_parser("wizard", help="fill in a report in the terminal, with validation as you type")
    p.add_argument("report", nargs="?", metavar="REPORT.json", help="the report to open or create (default: national-report.json)")
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="interface language (F9 switches inside the wizard)")


_EXTRA_PARSERS.append(_wizard_parser)


@command("wizard")
def cmd_wizard(args: argparse.Namespace) -> int:
    from poa_reporter.loader import LoadError

    path = args.report or "national-report.json"
    if os.path.isdir(path):
        print(f"{path}: is a directory; give a report file name", file=sys.stderr)
        return EXIT_USAGE
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        print(f"{path}: the folder does not exist", file=sys.stderr)
        return EXIT_USAGE
    from poa_reporter.wizard.app import WizardApp

    try:
        app = WizardApp(path, args.lang)
    except LoadError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    app.run()
    return EXIT_OK
