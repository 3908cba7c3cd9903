"""``poa-report migrate`` and ``poa-report diff``: reports across template versions and cycles."""
from __future__ import annotations

import argparse
import json
import os
import sys

from poa_reporter.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _EXTRA_PARSERS, command
from poa_reporter.i18n import N_, gettext_for


def _parsers(sub) -> None:
    p = sub.add_parser("migrate", help="bring a report from an earlier template version to the current one")
    p.add_argument("report", metavar="OLD.json")
    p.add_argument("-o", "--output", metavar="NEW.json", help="write the migrated report here (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite NEW.json if it exists")

    p = sub.add_parser("diff", help="what changed between two reports (e.g. two cycles of one State), by question")
    p.add_argument("before", metavar="A.json")
    p.add_argument("after", metavar="B.json")
    p.add_argument("--lang", choices=("en", "ar"), default="en", help="language of the questions and answers (default en)")
    p.add_argument("--format", choices=("text", "json"), default="text")


_EXTRA_PARSERS.append(_parsers)


def _load_current(path: str, lang: str = "en"):
    """The report at ``path`` in the current template version and the changes made to get
    there; or None, the reason said in one line, if it cannot be read or migrated."""
    from poa_reporter.loader import LoadError, read_report
    from poa_reporter.migration import MigrationError, migrate

    try:
        return migrate(read_report(path, lang))
    except LoadError as exc:
        print(exc, file=sys.stderr)
    except MigrationError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
    return None


@command("migrate")
def cmd_migrate(args: argparse.Namespace) -> int:
    from poa_reporter.fileio import atomic_write_json
    from poa_reporter.migration import CURRENT_VERSION
    from poa_reporter.validation import validate

    if args.output and os.path.exists(args.output) and not args.force:
        print(f"{args.output}: exists; give another name or --force to overwrite", file=sys.stderr)
        return EXIT_USAGE
    loaded = _load_current(args.report)
    if loaded is None:
        return EXIT_USAGE
    report, changes = loaded
    if not changes:
        print(f"{args.report}: already at template version {CURRENT_VERSION}; nothing to migrate", file=sys.stderr)
        return EXIT_OK
    for change in changes:
        print(f"  {change.line()}", file=sys.stderr)
    if args.output:
        atomic_write_json(args.output, report)
    else:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    target = args.output or "the migrated report"
    problems = validate(report)
    if not problems:
        print(f"{target}: {len(changes)} change(s), now template version {CURRENT_VERSION}; valid", file=sys.stderr)
        return EXIT_OK
    first = problems[0]
    print(f"{target}: {len(changes)} change(s), now template version {CURRENT_VERSION}; {len(problems)} problem(s) to fix, "
          f"first {first.where()} {first.message} (`poa-report validate` lists them)", file=sys.stderr)
    return EXIT_INVALID


SIGNS = {"added": "+", "removed": "−", "changed": "~"}
WORDS = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}


@command("diff")
def cmd_diff(args: argparse.Namespace) -> int:
    from poa_reporter.report_diff import differences
    from poa_reporter.template import load_template

    _ = gettext_for(args.lang)
    reports = []
    for path in (args.before, args.after):
        loaded = _load_current(path, args.lang)
        if loaded is None:
            return EXIT_USAGE
        report, changes = loaded
        if changes:
            print(_("{path}: an earlier template version, compared as migrated to the current one").format(path=path), file=sys.stderr)
        reports.append(report)
    found = differences(load_template(), *reports, lang=args.lang, row_word=_("row {n}"))
    if args.format == "json":
        print(json.dumps({"before": args.before, "after": args.after, "differences": [d.as_dict() for d in found]},
                         ensure_ascii=False, indent=2))
    else:
        _print_differences(found, args, _)
    return EXIT_INVALID if found else EXIT_OK


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_differences(found, args, _) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    section = None
    for d in found:
        if d.section != section:
            section = d.section
            console.print(section or _("Fields outside the template"), style="bold", markup=False)
        console.print(f"  {SIGNS[d.change]} {d.question}", markup=False)
        if d.before:
            console.print(f"      − {_short(d.before)}", style="red", markup=False)
        if d.after:
            console.print(f"      + {_short(d.after)}", style="green", markup=False)
    counts = {c: sum(d.change == c for d in found) for c in WORDS}
    detail = ", ".join(f"{counts[c]} {_(WORDS[c])}" for c in WORDS if counts[c])
    console.print(_("{n} difference(s) between {a} and {b}").format(n=len(found), a=args.before, b=args.after)
                  + (f": {detail}" if detail else ""), markup=False)
