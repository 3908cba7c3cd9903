"""Validate 193 reports in one process; beside it check-jsonschema on the same files.

    python bench/bench_validate.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_reports  # noqa: E402


def run(out: dict | None = None) -> dict:
    from poa_reporter.report_files import check_files
    from poa_reporter.resources import schema_path
    from poa_reporter.validation import schema_validator

    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in make_reports(Path(tmp))]
        t0 = time.perf_counter()
        schema_validator()
        t1 = time.perf_counter()
        results = list(check_files(paths))
        t2 = time.perf_counter()
        assert all(r.valid for r in results)
        figures = {"validate_193_s": t2 - t0, "validate_193_warm_s": t2 - t1}
        if shutil.which("check-jsonschema"):
            t3 = time.perf_counter()
            subprocess.run(["check-jsonschema", "--schemafile", str(schema_path()), *paths], check=True, capture_output=True)
            figures["check_jsonschema_193_s"] = time.perf_counter() - t3
    if out is not None:
        out.update(figures)
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:28} {value:8.3f}")
