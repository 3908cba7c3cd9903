import io
import json
import re
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from poa_reporter.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
VALID_EXAMPLES = sorted(EXAMPLES.glob("*.json"))
INVALID_EXAMPLES = sorted((EXAMPLES / "invalid").glob("*.json"))


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli():
    """Run ``poa-report ARGS`` in-process: exit code, stdout, stderr; never a traceback."""
    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse usage errors
                code = exc.code
        assert "Traceback" not in err.getvalue()
        return Result(code, out.getvalue(), err.getvalue())
    return run


@pytest.fixture
def example():
    def load(name):
        return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return load


@pytest.fixture
def write_json(tmp_path):
    def write(data, name="report.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path
    return write


@pytest.fixture
def minimal(example):
    return example("minimal-valid.json")


def require(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftext(path) -> str:
    """The PDF's text as pdftotext reads it: bidi controls dropped, whitespace folded."""
    require("pdftotext")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(BIDI_CONTROLS.sub("", out).split())
