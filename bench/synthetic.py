"""193 synthetic reports (one per UN Member State code) made from the examples."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pycountry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SOURCES = ["chad-bms9-bilingual.json", "jordan-bms9-ar.json", "new-zealand-bms9-en.json"]


def state_codes(n: int = 193) -> list[str]:
    return sorted(c.alpha_3 for c in pycountry.countries)[:n]


def make_reports(out_dir: Path, n: int = 193) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = [json.loads((EXAMPLES / name).read_text(encoding="utf-8")) for name in SOURCES]
    paths = []
    for i, code in enumerate(state_codes(n)):
        report = copy.deepcopy(sources[i % len(sources)])
        report["metadata"]["state"] = code
        path = out_dir / f"{code}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
