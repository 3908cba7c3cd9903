"""How ``poa-report validate`` prints its findings: text, JSON or GitHub annotations."""
from __future__ import annotations

import json
from typing import Iterable, TextIO

from poa_reporter.i18n import gettext_for
from poa_reporter.report_files import Checked


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def write_text(results: Iterable[Checked], out: TextIO, err: TextIO, lang: str) -> list[Checked]:
    _ = gettext_for(lang)
    done = []
    for result in results:
        done.append(result)
        if result.error:
            print(str(result.error), file=err)
        elif result.valid:
            print(_("{file}: valid").format(file=result.path), file=out)
        else:
            print(_("{file}: {count} problem(s)").format(file=result.path, count=len(result.problems)), file=out)
            for p in result.problems:
                label = f"[{p.label}] " if p.label else ""
                print(f"  {p.where()}  {label}{p.message}", file=out)
    if len(done) > 1:
        valid = sum(r.valid for r in done)
        unreadable = sum(r.error is not None for r in done)
        print(_("{total} files: {valid} valid, {invalid} invalid, {unreadable} unreadable").format(
            total=len(done), valid=valid, invalid=len(done) - valid - unreadable, unreadable=unreadable), file=out)
    return done


def write_json(results: Iterable[Checked], out: TextIO, err: TextIO, lang: str) -> list[Checked]:
    done = list(results)
    json.dump([r.as_dict() for r in done], out, ensure_ascii=False, indent=2)
    out.write("\n")
    return done


def write_github(results: Iterable[Checked], out: TextIO, err: TextIO, lang: str) -> list[Checked]:
    done = []
    for result in results:
        done.append(result)
        f = _gh_escape(result.path, prop=True)
        if result.error:
            print(f"::error file={f},title=unreadable report::{_gh_escape(result.error.message)}", file=out)
        for p in result.problems:
            print(f"::error file={f},title={_gh_escape(p.label or p.where(), prop=True)}::{_gh_escape(p.where() + ': ' + p.message)}", file=out)
    return done


WRITERS = {"text": write_text, "json": write_json, "github": write_github}
