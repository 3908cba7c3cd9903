"""Kill -9 during autosave and save, again and again: the files are always whole, valid JSON."""
import json
import os
import random
import signal
import subprocess
import sys
import time

WRITER = r"""
import sys
from poa_reporter.wizard.store import ReportStore
store = ReportStore(sys.argv[1])
report = {"schema_version": "1.0", "metadata": {"state": "FJI"}, "other": {"comments": {"en": ""}}}
i = 0
print("ready", flush=True)
while True:
    i += 1
    report["other"]["comments"]["en"] = ("change %d " % i) * (1 + i % 5000)
    store.autosave(report, {"section": "other", "n": i})
    if i % 7 == 0:
        store.save(report, {"section": "other", "n": i})
"""


def test_kill_during_autosave_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "report.json"
    draft = tmp_path / ".report.json.draft"
    rng = random.Random(1642)
    seen_numbers = []
    for round_ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for f in (path, draft):
            if f.exists():
                data = json.loads(f.read_text(encoding="utf-8"))   # whole and valid, every time
                assert data
        if draft.exists():
            seen_numbers.append(json.loads(draft.read_text(encoding="utf-8"))["position"]["n"])
    assert path.exists() and len(seen_numbers) == 25
    assert max(seen_numbers) > 7   # the writer really was mid-way through many writes

    from poa_reporter.wizard.store import ReportStore

    opened = ReportStore(path).open()
    assert opened.report["schema_version"] == "1.0"
    assert not list(tmp_path.glob("*.tmp"))   # leftovers of killed writes are cleared on open
