"""`poa-report validate` as a user and a CI pipeline see it."""
import json
import subprocess
import sys

import pytest

from conftest import INVALID_EXAMPLES, VALID_EXAMPLES, require

EXPECTED = {
    "schema-wrong-types.json": [("/metadata/meeting/number", "Expected a whole number, found text."),
                                ("/tracing/requests_sent", "Must be at least 0."),
                                ("/marking/at_manufacture", "Expected an object, found text.")],
    "schema-missing-and-unknown.json": [("/metadata/period", "This field is required."),
                                        ("/metadata/colour", "Unknown field “colour”")],
    "schema-bad-formats.json": [("/metadata/submission_date", "“15/03/2026” is not a valid date (YYYY-MM-DD)."),
                                ("/metadata/point_of_contact/email", "not in the expected form (name@example.org)")],
    "rule-details-expected.json": [("/brokering/brokering_law/details", "Details are expected when the answer is “yes”.")],
    "rule-dates.json": [("/metadata/submission_date", "is later than “0.4 Date of submission” (2025-10-01)"),
                        ("/surplus_destruction/last_destruction_date", "outside the reporting period (2024-01-01 to 2025-12-31)"),
                        ("/coordination/action_plan_period/to", "“From” (2028-01-01) is later than “To” (2024-12-31).")],
    "rule-counts.json": [("/diversion/sdg_16_4_2/traced", "(15) is more than “Seized”, “Found”, “Surrendered” together (12)"),
                         ("/tracing/requests_answered", "(6) is more than “Tracing requests received” together (4)")],
    "rule-codes-and-budgets.json": [("/metadata/state", "“XYZ” is not an ISO 3166-1 alpha-3 country code."),
                                    ("/assistance/assistance_needs/0/budget/amount", "The amount must be more than zero."),
                                    ("/assistance/assistance_needs/1/budget/currency", "“ABC” is not an ISO 4217 currency code."),
                                    ("/assistance/assistance_needs/1/id", "The reference “N1” is used more than once")],
}


def test_all_examples_are_valid(cli):
    r = cli("validate", *VALID_EXAMPLES)
    assert r.code == 0, r.out
    assert f"{len(VALID_EXAMPLES)} files: {len(VALID_EXAMPLES)} valid, 0 invalid, 0 unreadable" in r.out


def test_each_invalid_example_shows_a_different_kind_of_error():
    assert {p.name for p in INVALID_EXAMPLES} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_example_reports_pointer_label_and_message(cli, name):
    r = cli("validate", "--format", "json", f"examples/invalid/{name}" if False else next(p for p in INVALID_EXAMPLES if p.name == name))
    assert r.code == 1
    [record] = r.json()
    assert record["valid"] is False
    got = {p["pointer"]: p for p in record["problems"]}
    for pointer, message in EXPECTED[name]:
        assert pointer in got, (pointer, list(got))
        assert message in got[pointer]["message"]
        assert got[pointer]["label"]
    assert len(got) == len(EXPECTED[name])


def test_text_output_names_the_question(cli):
    r = cli("validate", next(p for p in INVALID_EXAMPLES if p.name == "rule-details-expected.json"))
    assert r.code == 1
    assert "/brokering/brokering_law/details  [8.1 Are brokering activities regulated by law? › Details] Details are expected" in r.out


def test_messages_and_labels_in_arabic(cli):
    r = cli("validate", "--lang", "ar", next(p for p in INVALID_EXAMPLES if p.name == "rule-details-expected.json"))
    assert r.code == 1
    assert "يلزم تقديم تفاصيل عندما تكون الإجابة «yes»" in r.out
    assert "هل تنظم أنشطة السمسرة بموجب القانون؟" in r.out


def test_github_annotations(cli):
    r = cli("validate", "--format", "github", next(p for p in INVALID_EXAMPLES if p.name == "rule-counts.json"))
    assert r.code == 1
    lines = r.out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=") and "rule-counts.json,title=" in line for line in lines)
    assert any("/diversion/sdg_16_4_2/traced%3A" not in line and "::/diversion/sdg_16_4_2/traced: " in line for line in lines)


def _bad(tmp_path, name, content: bytes):
    p = tmp_path / name
    p.write_bytes(content)
    return p


@pytest.mark.parametrize("name,content,message", [
    ("empty.json", b"", "the file is empty"),
    ("blank.json", b"  \n\t ", "the file is empty"),
    ("broken.json", b'{"schema_version": "1.0",\n "metadata": {', "not valid JSON: Expecting property name enclosed in double quotes (line 2, column 15)"),
    ("latin1.json", '{"other": {"comments": {"fr": "côte"}}}'.encode("latin-1"), "not valid UTF-8 (byte 0xF4 at line 1, column 33)"),
    ("utf16.json", '{"a": 1}'.encode("utf-16"), "UTF-16 or UTF-32 encoded; save it as UTF-8"),
    ("array.json", b"[1, 2]", "a report must be a JSON object, but the file holds a list"),
    ("deep.json", b"[" * 5000 + b"]" * 5000, "nested more than 64 levels deep"),
])
def test_unreadable_input_is_one_line_and_exit_2(cli, tmp_path, name, content, message):
    r = cli("validate", _bad(tmp_path, name, content))
    assert r.code == 2
    assert r.err.count("\n") == 1
    assert message in r.err
    assert r.err.startswith(str(tmp_path / name) + ": ")


def test_missing_file_and_directory_without_reports(cli, tmp_path):
    assert "no such file" in cli("validate", tmp_path / "nope.json").err
    r = cli("validate", tmp_path)
    assert r.code == 2 and "no report files found" in r.err


def test_huge_file_is_refused_before_reading(cli, tmp_path):
    big = _bad(tmp_path, "big.json", b'{"x": "' + b"a" * (3 * 1024 * 1024) + b'"}')
    r = cli("validate", "--max-size", "2", big)
    assert r.code == 2
    assert "the file is 3.0 MB, over the 2.0 MB limit" in r.err


def test_utf8_bom_is_accepted(cli, tmp_path, minimal):
    p = _bad(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(minimal).encode())
    assert cli("validate", p).code == 0


def test_unreadable_wins_over_invalid_for_the_exit_code(cli, tmp_path):
    r = cli("validate", next(iter(INVALID_EXAMPLES)), tmp_path / "missing.json", *VALID_EXAMPLES)
    assert r.code == 2
    assert "0 invalid" not in r.out and "1 unreadable" in r.out


def test_directory_argument_means_its_json_files(cli):
    r = cli("validate", VALID_EXAMPLES[0].parent)
    assert r.code == 0 and f"{len(VALID_EXAMPLES)} valid" in r.out


def test_bad_usage_exits_2(cli):
    assert cli("validate").code == 2
    assert cli("validate", "--format", "xml", VALID_EXAMPLES[0]).code == 2
    assert cli("validate", "--lang", "fr", VALID_EXAMPLES[0]).code == 2
    assert cli("validate", "--max-size", "-1", VALID_EXAMPLES[0]).code == 2


def test_schema_command_prints_the_schema(cli):
    r = cli("schema")
    assert r.code == 0
    assert json.loads(r.out)["$id"].startswith("urn:poa-reporter")


def test_console_script_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "poa_reporter", "validate", str(VALID_EXAMPLES[0])], capture_output=True, text=True)
    assert out.returncode == 0 and "valid" in out.stdout


def test_check_jsonschema_agrees_on_schema_level_examples():
    require("check-jsonschema")
    from poa_reporter.resources import schema_path
    from poa_reporter.validation import is_schema_valid

    for path in VALID_EXAMPLES + INVALID_EXAMPLES:
        ours = is_schema_valid(json.loads(path.read_text(encoding="utf-8")))
        theirs = subprocess.run(["check-jsonschema", "--schemafile", str(schema_path()), str(path)], capture_output=True, text=True)
        assert ours == (theirs.returncode == 0), (path.name, theirs.stdout)
        assert ours == (not path.name.startswith("schema-")), path.name
