"""Template versions (``migrate``) and cycles (``diff``)."""
import json

from conftest import EXAMPLES
from poa_reporter import migration
from poa_reporter.validation import validate

LEGACY = EXAMPLES / "legacy" / "chad-bms8-v0.9.json"
CHAD = EXAMPLES / "chad-bms9-bilingual.json"


def test_migrate_moves_everything_and_says_what_moved(cli, tmp_path):
    out = tmp_path / "chad-bms8.json"
    r = cli("migrate", LEGACY, "-o", out)
    new = json.loads(out.read_text(encoding="utf-8"))
    assert new["schema_version"] == "1.0" and list(new)[:2] == ["schema_version", "metadata"]
    assert new["metadata"]["state"] == "TCD" and new["metadata"]["languages"] == ["en"]
    assert new["metadata"]["period"] == {"from": "2022-01-01", "to": "2023-12-31"}
    assert new["record_keeping"]["records_format"] == "mixed"
    assert new["coordination"]["coordination_body"] == {"answer": "yes", "details": {"en": "National Commission on Small Arms, established 2010."}}
    assert new["coordination"]["point_of_contact_designated"] == "yes"
    assert new["tracing"]["iarms_use"] == {"answer": "no"}
    first, second = new["assistance"]["assistance_needs"]
    assert first["areas"] == ["stockpile_management"] and first["types"] == ["equipment"]
    assert first["budget"] == {"amount": 850000, "currency": "USD"} and first["status"] == "open"
    assert second["status"] == "closed" and "priority" not in first
    assert "moved /stockpile_management → /stockpiles" in r.err
    assert "moved /assistance/assistance_needs/*/amount → /assistance/assistance_needs/*/budget/amount (2 values)" in r.err
    assert 'removed /metadata/fax: the 2026 template no longer asks for a fax number (it was "+235 22 52 00 00")' in r.err
    assert 'removed /assistance/assistance_needs/0/priority' in r.err and '(it was "high")' in r.err
    # the old report said "yes" to INTERPOL cooperation without details, which the current rules flag
    assert r.code == 1
    assert "1 problem(s) to fix, first /cooperation/interpol_cooperation/details Details are expected" in r.err
    assert [p.code for p in validate(new)] == ["details-expected"]


def test_migrate_never_overwrites_unless_forced(cli, tmp_path):
    out = tmp_path / "new.json"
    out.write_text("{}", encoding="utf-8")
    r = cli("migrate", LEGACY, "-o", out)
    assert r.code == 2 and "exists; give another name or --force" in r.err
    assert out.read_text(encoding="utf-8") == "{}"
    assert cli("migrate", LEGACY, "-o", out, "--force").code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "1.0"


def test_migrate_without_output_prints_the_report(cli):
    r = cli("migrate", LEGACY)
    assert json.loads(r.out)["metadata"]["state"] == "TCD"


def test_migrate_a_current_report_changes_nothing(cli, tmp_path):
    r = cli("migrate", CHAD, "-o", tmp_path / "same.json")
    assert r.code == 0 and "already at template version 1.0; nothing to migrate" in r.err
    assert not (tmp_path / "same.json").exists()


def test_migrate_refuses_unknown_versions_and_unreadable_files(cli, write_json, minimal, tmp_path):
    minimal["schema_version"] = "7.3"
    r = cli("migrate", write_json(minimal))
    assert r.code == 2 and "no migration from template version “7.3” (known versions: 0.9, 1.0)" in r.err
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    r = cli("migrate", tmp_path / "broken.json")
    assert r.code == 2 and "not valid JSON" in r.err


def test_the_next_revision_is_a_data_file(monkeypatch):
    """A report two versions behind goes through both files in turn."""
    older = {"from": "0.8", "to": "0.9", "steps": [{"op": "move", "from": "/metadata/iso_code", "to": "/metadata/country"}]}
    known = migration.migrations()
    monkeypatch.setattr(migration, "migrations", lambda: {**known, "0.8": older})
    report = json.loads(LEGACY.read_text(encoding="utf-8"))
    report["schema_version"] = "0.8"
    report["metadata"]["iso_code"] = report["metadata"].pop("country")
    new, changes = migration.migrate(report)
    assert new["metadata"]["state"] == "TCD"
    assert changes[0].line() == "moved /metadata/iso_code → /metadata/country"


def test_old_reports_are_told_to_migrate(cli):
    r = cli("validate", LEGACY)
    assert r.code == 1
    assert "/schema_version  [Template version] The report follows template version 0.9; the current one is 1.0. `poa-report migrate`" in r.out
    r = cli("wizard", LEGACY)
    assert r.code == 2 and "cannot be opened in the wizard: The report follows template version 0.9" in r.err


def test_diff_lists_changes_by_question_and_table_row(cli, write_json, example):
    before = example("chad-bms9-bilingual.json")
    after = json.loads(json.dumps(before))
    after["assistance"]["assistance_needs"][0]["budget"]["amount"] = 900000
    del after["assistance"]["assistance_needs"][1]
    after["marking"]["marking_elements"].append("year")
    after["tracing"]["requests_sent"] = before["tracing"]["requests_sent"] + 5
    a, b = write_json(before, "a.json"), write_json(after, "b.json")
    r = cli("diff", a, b)
    assert r.code == 1
    assert "4. Marking\n  ~ 4.2 Elements of the marking at manufacture\n" in r.out
    assert "      + Name of manufacturer, Country of manufacture, Serial number, Year of manufacture\n" in r.out
    assert "6. Tracing\n  ~ 6.1 Tracing requests sent" in r.out
    assert f"      − {before['tracing']['requests_sent']}\n      + {before['tracing']['requests_sent'] + 5}" in r.out
    assert "  ~ 15.2 Assistance needs › row N1 › Indicative budget\n      − $850,000\n      + $900,000" in r.out
    assert "  − 15.2 Assistance needs › row N2\n      − N2; Marking; Equipment; Dot-peen marking machines" in r.out
    assert r.out.splitlines()[-1] == f"4 difference(s) between {a} and {b}: 1 removed, 3 changed"


def test_diff_in_arabic_and_as_json(cli, write_json, example):
    before = example("jordan-bms9-ar.json")
    after = json.loads(json.dumps(before))
    after["tracing"]["requests_received"] = 99
    after["unexpected"] = {"note": "x"}
    a, b = write_json(before, "a.json"), write_json(after, "b.json")
    r = cli("diff", a, b, "--lang", "ar")
    assert "6. التعقب\n  ~ 6.2 طلبات التعقب الواردة\n      − 20\n      + 99" in r.out
    assert "حقول خارج النموذج\n  + /unexpected/note" in r.out
    r = cli("diff", a, b, "--format", "json")
    records = r.json()["differences"]
    assert {d["pointer"] for d in records} == {"/tracing/requests_received", "/unexpected/note"}
    assert next(d for d in records if d["pointer"] == "/tracing/requests_received")["after"] == "99"


def test_diff_of_a_report_with_itself_is_empty(cli):
    r = cli("diff", CHAD, CHAD)
    assert r.code == 0 and r.out.strip().startswith("0 difference(s)")


def test_diff_across_template_versions_migrates_first(cli):
    r = cli("diff", LEGACY, CHAD)
    assert r.code == 1
    assert "chad-bms8-v0.9.json: an earlier template version, compared as migrated to the current one" in r.err
    assert "  ~ 0.2 Meeting reported to\n      − Meeting: Biennial Meeting of States; Number: 8; Year: 2024" in r.out
    assert "Fields outside the template" not in r.out, "nothing of the old report is left unmapped"


def test_diff_refuses_unreadable_files(cli, tmp_path):
    (tmp_path / "empty.json").write_bytes(b"")
    r = cli("diff", tmp_path / "empty.json", CHAD)
    assert r.code == 2 and r.err.strip() == f"{tmp_path / 'empty.json'}: the file is empty"
