"""PDF rendering: one report warm, a batch of N with --jobs 2, peak RSS per worker,
PDF sizes; beside it the same reports through one `weasyprint` CLI process per file.

    python bench/bench_render.py [--count 193] [--cli-count 20]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_reports  # noqa: E402


def _render_to(args):
    from poa_reporter.rendering import render_report

    source, target = args
    start = time.perf_counter()
    size = render_report(json.loads(Path(source).read_text(encoding="utf-8")), target)
    return time.perf_counter() - start, size, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm():
    from poa_reporter.rendering import renderer

    renderer()


def run(out: dict | None = None, count: int = 193, cli_count: int = 20) -> dict:
    from poa_reporter.pdf import font_files
    from poa_reporter.rendering import renderer
    from poa_reporter.resources import data_dir

    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sources = make_reports(tmp / "in", count)
        r = renderer()
        example = json.loads(sources[0].read_text(encoding="utf-8"))
        r.render(example)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            pdf = r.render(example)
            times.append(time.perf_counter() - start)
        figures["render_warm_s"] = statistics.median(times)
        figures["pdf_kb_example"] = len(pdf) / 1024

        (tmp / "out").mkdir()
        start = time.perf_counter()
        with ProcessPoolExecutor(2, initializer=_warm) as pool:
            results = list(pool.map(_render_to, [(str(s), str(tmp / "out" / f"{s.stem}.pdf")) for s in sources]))
        figures[f"batch_{count}_jobs2_s"] = time.perf_counter() - start
        figures["per_report_in_batch_s"] = statistics.mean(t for t, _, _ in results)
        figures["peak_rss_worker_mb"] = max(rss for _, _, rss in results)
        figures["pdf_kb_max"] = max(size for _, size, _ in results) / 1024

        if shutil.which("weasyprint") and cli_count:
            # the same reports as HTML files, fonts by file:// URL, one process per file
            css = (data_dir("templates") / "report.css").read_text(encoding="utf-8")
            for name, path in font_files().items():
                css = css.replace(f"poa://assets/fonts/{name}", path.as_uri())
            from poa_reporter.pdf import margin_css

            html_dir = tmp / "html"
            html_dir.mkdir()
            for s in sources[:cli_count]:
                html = r.html(json.loads(s.read_text(encoding="utf-8")))
                html = html.replace("</head>", f"<style>{css}\n{margin_css('ar+en', 'latn')}</style></head>")
                (html_dir / f"{s.stem}.html").write_text(html, encoding="utf-8")
            start = time.perf_counter()
            for h in sorted(html_dir.iterdir()):
                subprocess.run(["weasyprint", str(h), str(h.with_suffix(".pdf"))], check=True, capture_output=True)
            per_file = (time.perf_counter() - start) / cli_count
            figures["weasyprint_cli_per_file_s"] = per_file
            figures[f"weasyprint_cli_{count}_estimated_s"] = per_file * count
    if out is not None:
        out.update(figures)
    return figures


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=193)
    ap.add_argument("--cli-count", type=int, default=20, help="files through the weasyprint CLI (the total is extrapolated)")
    a = ap.parse_args()
    for key, value in run(count=a.count, cli_count=a.cli_count).items():
        print(f"{key:32} {value:10.3f}")
