"""`poa-report render-batch`: a secretariat renders a directory of reports."""
import shutil

from conftest import EXAMPLES


def _batch_dir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "minimal-valid.json", src / "fiji.json")
    shutil.copy(EXAMPLES / "minimal-valid.json", src / "fiji-resubmitted.json")   # same State and meeting
    shutil.copy(EXAMPLES / "new-zealand-bms9-en.json", src / "nz.json")
    shutil.copy(EXAMPLES / "invalid" / "schema-wrong-types.json", src / "wrong.json")
    (src / "broken.json").write_text('{"metadata": ', encoding="utf-8")
    return src


def test_batch_renders_valid_reports_and_reports_the_rest(cli, tmp_path):
    src, out = _batch_dir(tmp_path), tmp_path / "out"
    r = cli("render-batch", src, "-o", out, "--jobs", "2", "--lang", "en")
    assert r.code == 1
    assert sorted(p.name for p in out.iterdir()) == ["FJI-BMS9-2026-fiji.pdf", "FJI-BMS9-2026.pdf", "NZL-BMS9-2026.pdf"]
    assert "5 reports: 3 rendered, 1 invalid, 1 unreadable, 0 skipped (exists), 0 failed" in r.out
    assert "broken.json: not valid JSON" in r.err
    assert "wrong.json: invalid report, not rendered" in r.err


def test_batch_never_overwrites_without_force(cli, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(EXAMPLES / "minimal-valid.json", src / "fiji.json")
    assert cli("render-batch", src, "-o", out, "--lang", "en").code == 0
    pdf = out / "FJI-BMS9-2026.pdf"
    pdf.write_bytes(b"keep me")
    r = cli("render-batch", src, "-o", out, "--lang", "en")
    assert r.code == 1
    assert "FJI-BMS9-2026.pdf exists (use --force to overwrite)" in r.err
    assert pdf.read_bytes() == b"keep me"
    r = cli("render-batch", src, "-o", out, "--lang", "en", "--force")
    assert r.code == 0 and "1 rendered" in r.out
    assert pdf.read_bytes().startswith(b"%PDF")


def test_batch_bad_usage(cli, tmp_path):
    assert cli("render-batch", tmp_path / "missing", "-o", tmp_path / "o").code == 2
    assert "no *.json reports" in cli("render-batch", tmp_path, "-o", tmp_path / "o").err
    assert cli("render-batch", tmp_path, "-o", tmp_path / "o", "--jobs", "0").code == 2
