"""``poa-report``: a thin command-line layer over the library."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Sequence

from poa_reporter import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str):
    def register(fn):
        COMMANDS[name] = fn
        return fn
    return register


def _size_mb(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size limit must be more than 0 MB")
    return int(value * 1024 * 1024)


def _add_lang(p: argparse.ArgumentParser, choices=("en", "ar"), default="en") -> None:
    p.add_argument("--lang", choices=choices, default=default, help=f"language of labels and messages (default {default})")


def build_parser() -> argparse.ArgumentParser:
    from poa_reporter.loader import MAX_BYTES

    parser = argparse.ArgumentParser(prog="poa-report", description="National reports on the UN Programme of Action on small arms and light weapons (PoA) and the International Tracing Instrument (ITI).")
    parser.add_argument("--version", action="version", version=f"poa-report {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check reports against the template and its rules")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files (a directory means its *.json files)")
    _add_lang(p)
    p.add_argument("--format", choices=("text", "json", "github"), default="text", help="output: text, json, or GitHub Actions annotations")
    p.add_argument("--max-size", type=_size_mb, default=MAX_BYTES, metavar="MB", help=f"refuse files larger than this (default {MAX_BYTES // 1048576} MB)")

    sub.add_parser("schema", help="print the report JSON Schema")

    for register in _EXTRA_PARSERS:
        register(sub)
    return parser


_EXTRA_PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []


@command("validate")
def cmd_validate(args: argparse.Namespace) -> int:
    from poa_reporter.report_files import check_files, expand
    from poa_reporter.validate_output import WRITERS

    results = WRITERS[args.format](check_files(expand(args.files), args.lang, args.max_size), sys.stdout, sys.stderr, args.lang)
    if not results:
        print("poa-report validate: no report files found", file=sys.stderr)
        return EXIT_USAGE
    if any(r.error for r in results):
        return EXIT_USAGE
    return EXIT_OK if all(r.valid for r in results) else EXIT_INVALID


@command("schema")
def cmd_schema(args: argparse.Namespace) -> int:
    from poa_reporter.resources import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    from poa_reporter import cli_commands, cli_versions  # noqa: F401 - register the other commands

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("poa-report: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `poa-report validate … | head`: stop quietly, as a shell tool does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 128 + 13  # SIGPIPE
    except Exception as exc:  # the last guard: one line, never a traceback
        if os.environ.get("POA_REPORTER_DEBUG"):
            raise
        print(f"poa-report {args.command}: internal error: {type(exc).__name__}: {exc} (set POA_REPORTER_DEBUG=1 for details)", file=sys.stderr)
        return 3
