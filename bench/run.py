"""All the benchmarks in one run, on 193 synthetic reports (one per State code).

    python bench/run.py                 # everything (the batch takes minutes)
    python bench/run.py --quick         # 20 reports in the batch, 5 through the weasyprint CLI
    python bench/run.py --json out.json # the figures as JSON too

Prints each measure beside its target and, where there is one, the tool it replaces,
as absolute figures and ratios. Times are wall-clock on this machine; "cold" means a
new Python process (imports included) with the OS file cache warm.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_reports  # noqa: E402

HERE = Path(__file__).parent


def _seconds(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cli(*args: str) -> int:
    from poa_reporter.cli import main

    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return main(list(args))


def bench_validate(paths: list[str], fig: dict) -> None:
    from poa_reporter.report_files import check_files
    from poa_reporter.resources import schema_path

    fig["validate_193_s"] = _seconds(lambda: [r.valid for r in check_files(paths)], repeat=3)
    cmd = shutil.which("check-jsonschema")
    if cmd:
        fig["check_jsonschema_193_s"] = _seconds(lambda: subprocess.run([cmd, "--schemafile", str(schema_path()), *paths],
                                                                        check=True, capture_output=True))
    fig["validate_cli_cold_193_s"] = _seconds(lambda: subprocess.run([sys.executable, "-m", "poa_reporter", "validate", *paths],
                                                                     check=True, capture_output=True))


def bench_assistance(paths: list[str], fig: dict, tmp: Path) -> None:
    fig["assistance_export_193_s"] = _seconds(lambda: _cli("assistance", *paths, "-o", str(tmp / "needs.csv")), repeat=3)
    fig["assistance_export_193_json_s"] = _seconds(lambda: _cli("assistance", *paths, "--format", "json", "-o", str(tmp / "needs.json")), repeat=3)
    fig["assistance_needs_exported"] = sum(1 for _ in (tmp / "needs.csv").open(encoding="utf-8-sig")) - 1


def bench_render_one(paths: list[str], fig: dict) -> None:
    from poa_reporter.rendering import renderer

    start = time.perf_counter()
    r = renderer()
    fig["renderer_start_s"] = time.perf_counter() - start
    for name, path in (("bilingual", paths[0]), ("arabic", paths[1]), ("english", paths[2])):
        report = json.loads(Path(path).read_text(encoding="utf-8"))
        r.render(report)
        pdf = b""

        def once():
            nonlocal pdf
            pdf = r.render(report)

        fig[f"render_warm_{name}_s"] = _seconds(once, repeat=3)
        fig[f"pdf_kb_{name}"] = len(pdf) / 1024
    minimal = json.loads((HERE.parent / "examples" / "minimal-valid.json").read_text(encoding="utf-8"))
    fig["render_warm_minimal_s"] = _seconds(lambda: r.render(minimal, "en"), repeat=3)


def bench_batch(paths: list[str], fig: dict, tmp: Path, count: int) -> None:
    from poa_reporter.rendering import render_batch

    out = tmp / "pdf"
    start = time.perf_counter()
    items = render_batch(paths[:count], out, jobs=2)
    fig[f"batch_{count}_jobs2_s"] = time.perf_counter() - start
    assert all(i.status == "rendered" for i in items), [i.message for i in items if i.status != "rendered"]
    fig["batch_per_report_s"] = fig[f"batch_{count}_jobs2_s"] / count
    fig["peak_rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    fig["pdf_kb_max"] = max(p.stat().st_size for p in out.glob("*.pdf")) / 1024
    if count != 193:
        fig["batch_193_jobs2_estimated_s"] = fig["batch_per_report_s"] * 193


def bench_weasyprint_cli(paths: list[str], fig: dict, tmp: Path, count: int) -> None:
    """The same reports as standalone HTML files through one `weasyprint` process each."""
    cmd = shutil.which("weasyprint")
    if not cmd or not count:
        return
    from poa_reporter.pdf import font_files, margin_css
    from poa_reporter.rendering import renderer
    from poa_reporter.resources import data_dir

    css = (data_dir("templates") / "report.css").read_text(encoding="utf-8")
    for name, path in font_files().items():
        css = css.replace(f"poa://assets/fonts/{name}", path.as_uri())
    html_dir = tmp / "html"
    html_dir.mkdir()
    for path in paths[:count]:
        html = renderer().html(json.loads(Path(path).read_text(encoding="utf-8")))
        html = html.replace("</head>", f"<style>{css}\n{margin_css('ar+en', 'latn')}</style></head>")
        (html_dir / f"{Path(path).stem}.html").write_text(html, encoding="utf-8")
    start = time.perf_counter()
    for html in sorted(html_dir.glob("*.html")):
        subprocess.run([cmd, str(html), str(html.with_suffix(".pdf"))], check=True, capture_output=True)
    fig["weasyprint_cli_per_file_s"] = (time.perf_counter() - start) / count
    fig["weasyprint_cli_193_estimated_s"] = fig["weasyprint_cli_per_file_s"] * 193


def bench_wizard(paths: list[str], fig: dict) -> None:
    """A new process, until the first screen has been drawn: the median of 3."""
    for lang, key in (("en", "wizard_first_screen_cold_s"), ("ar", "wizard_first_screen_cold_ar_s")):
        runs = []
        for _ in range(3):
            launched = time.time()
            done = subprocess.run([sys.executable, str(HERE / "wizard_first_screen.py"), paths[0], str(launched), lang],
                                  check=True, capture_output=True, text=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        fig[key] = statistics.median(r["first_screen_s"] for r in runs)
        fig["wizard_rss_mb"] = max([fig.get("wizard_rss_mb", 0)] + [r["rss_mb"] for r in runs])


ROWS = [
    # (figure, target, compared with, what)
    ("validate_193_s", 1.0, "check_jsonschema_193_s", "validate 193 reports, one process"),
    ("validate_cli_cold_193_s", None, "check_jsonschema_193_s", "poa-report validate 193 files, new process"),
    ("check_jsonschema_193_s", None, None, "check-jsonschema on the same 193 files"),
    ("assistance_export_193_s", 1.0, None, "assistance needs from 193 reports → CSV"),
    ("assistance_export_193_json_s", 1.0, None, "assistance needs from 193 reports → JSON"),
    ("assistance_needs_exported", None, None, "needs exported (shareable only)"),
    ("renderer_start_s", None, None, "renderer start (fonts, CSS)"),
    ("render_warm_bilingual_s", 0.4, None, "render one report warm: bilingual (24 pages)"),
    ("render_warm_arabic_s", 0.4, None, "render one report warm: Arabic"),
    ("render_warm_english_s", 0.4, None, "render one report warm: English"),
    ("render_warm_minimal_s", None, None, "render the minimal report warm"),
    ("batch_193_jobs2_s", 45.0, "weasyprint_cli_193_estimated_s", "render-batch 193, --jobs 2"),
    ("batch_20_jobs2_s", None, None, "render-batch 20, --jobs 2"),
    ("batch_193_jobs2_estimated_s", 45.0, "weasyprint_cli_193_estimated_s", "render-batch 193, --jobs 2 (from 20)"),
    ("batch_per_report_s", None, None, "batch: seconds per report"),
    ("weasyprint_cli_per_file_s", None, None, "weasyprint CLI, one process per file"),
    ("weasyprint_cli_193_estimated_s", None, None, "weasyprint CLI × 193 (extrapolated)"),
    ("peak_rss_worker_mb", 250.0, None, "peak RSS of a batch worker, MB"),
    ("pdf_kb_max", 250.0, None, "largest PDF in the batch, KB"),
    ("pdf_kb_bilingual", 250.0, None, "bilingual PDF, KB"),
    ("wizard_first_screen_cold_s", 1.0, None, "wizard first screen, new process (en)"),
    ("wizard_first_screen_cold_ar_s", 1.0, None, "wizard first screen, new process (ar)"),
    ("wizard_rss_mb", None, None, "wizard RSS, MB"),
]


def report(fig: dict) -> str:
    lines = [f"{'measure':46} {'figure':>10} {'target':>8}  {'':4} vs",
             "-" * 90]
    for key, target, other, what in ROWS:
        if key not in fig:
            continue
        value = fig[key]
        verdict = "" if target is None else ("ok" if value <= target else "MISS")
        vs = ""
        if other and other in fig and value:
            vs = f"{fig[other] / value:5.1f}× faster than {other}"
        lines.append(f"{what:46} {value:10.3f} {'' if target is None else f'{target:8.2f}'!s:>8}  {verdict:4} {vs}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a batch of 20 and 5 weasyprint CLI files (estimates for 193)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = ap.parse_args()
    batch, cli_files = (20, 5) if args.quick else (193, 20)
    fig: dict = {"cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = [str(p) for p in make_reports(tmp / "reports")]
        # the batch first: its workers' peak memory is read from RUSAGE_CHILDREN, the
        # largest of all the child processes waited for so far
        steps = [(f"batch of {batch}", lambda: bench_batch(paths, fig, tmp, batch)),
                 ("validate", lambda: bench_validate(paths, fig)),
                 ("assistance", lambda: bench_assistance(paths, fig, tmp)),
                 ("wizard", lambda: bench_wizard(paths, fig)),
                 ("render", lambda: bench_render_one(paths, fig)),
                 ("weasyprint cli", lambda: bench_weasyprint_cli(paths, fig, tmp, cli_files))]
        for name, step in steps:
            print(f"… {name}", file=sys.stderr, flush=True)
            step()
    print(report(fig))
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
