"""Every command, given every kind of bad input: one clear line and the documented exit code."""
import csv
import io

import pytest

from bad_input import CASES, write_corpus
from conftest import pdftext
from poa_reporter.wizard.app import MainScreen, WizardApp

BY_NAME = {case.name: case for case in CASES}
UNREADABLE = [c.name for c in CASES if not c.loads]
OFFERS = "examples/offers/donor-offers.json"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("bad-input"))


def one_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_validate_answers_every_kind_with_its_exit_code_and_message(cli, corpus, name):
    case = BY_NAME[name]
    r = cli("validate", corpus[name])
    assert r.code == case.exit_code, r.out + r.err
    shown = r.err if case.exit_code == 2 else r.out
    assert case.says in shown
    if case.exit_code == 2:
        assert one_line(r.err).startswith(str(corpus[name]))


@pytest.mark.parametrize("name", UNREADABLE)
def test_validate_json_format_reports_unreadable_files_as_records(cli, corpus, name):
    r = cli("validate", "--format", "json", corpus[name])
    assert r.code == 2
    record = r.json()[0]
    assert record["valid"] is False and BY_NAME[name].says in record["error"]


@pytest.mark.parametrize("name", UNREADABLE)
def test_render_assistance_match_and_wizard_refuse_unreadable_files_in_one_line(cli, corpus, name, tmp_path):
    says = BY_NAME[name].says
    for args in (("render", corpus[name], "-o", tmp_path / "out.pdf"),
                 ("wizard", corpus[name]),
                 ("match", "examples/minimal-valid.json", "--offers", corpus[name])):
        r = cli(*args)
        assert r.code == 2, (args, r.err)
        assert says in one_line(r.err)
    r = cli("assistance", corpus[name], "-o", tmp_path / "needs.csv")
    assert r.code == 2
    assert says in r.err and "nothing written" in r.err
    assert not (tmp_path / "out.pdf").exists() and not (tmp_path / "needs.csv").exists()


@pytest.mark.parametrize("name", ["huge-string", "wrong-types", "unknown-fields"])
def test_render_and_assistance_skip_reports_that_break_the_schema(cli, corpus, name, tmp_path):
    r = cli("render", corpus[name], "-o", tmp_path / "out.pdf")
    assert r.code == 1
    assert "invalid report, not rendered" in r.err and BY_NAME[name].says in r.err
    assert not (tmp_path / "out.pdf").exists()
    r = cli("assistance", corpus[name], "examples/chad-bms9-bilingual.json", "--format", "json")
    assert r.code == 1
    assert "invalid report, skipped" in one_line(r.err)
    assert r.json()["needs"], "the good report is still exported"


def test_ten_thousand_needs_export_but_are_too_many_for_a_pdf(cli, corpus, tmp_path):
    r = cli("assistance", corpus["ten-thousand-needs"], "-o", tmp_path / "needs.csv")
    assert r.code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "needs.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 10_000 and rows[-1]["need_id"] == "N9999"
    r = cli("render", corpus["ten-thousand-needs"], "-o", tmp_path / "out.pdf")
    assert r.code == 1
    assert "“Assistance needs” has 10000 rows, and a PDF shows at most 500 rows per table" in one_line(r.err)


def test_control_characters_are_flagged_and_shown_escaped(cli, corpus, tmp_path):
    r = cli("validate", corpus["control-characters"])
    assert "/metadata/executive_summary/en" in r.out and "control character U+0007 (character 5)" in r.out
    assert "\x07" not in r.out and "\x1b" not in r.out
    r = cli("validate", "--lang", "ar", corpus["control-characters"])
    assert "محرف التحكم U+0007" in r.out


def test_bidi_controls_in_a_value_cannot_reorder_the_message(cli, write_json, minimal):
    minimal["metadata"]["status"] = "\u202eLANIF"
    r = cli("validate", write_json(minimal))
    assert r.code == 1
    assert "“<U+202E>LANIF” is not one of the allowed answers" in r.out and "\u202e" not in r.out


def test_a_pdf_of_text_with_bidi_overrides_keeps_them_inside_their_answer(cli, corpus, tmp_path):
    out = tmp_path / "bidi.pdf"
    r = cli("render", corpus["bidi-controls"], "-o", out, "--lang", "en")
    assert r.code == 0, r.err
    text = pdftext(out)
    # the override reverses "0001 USD" inside the answer; the label before it and the
    # next question after it read normally
    before, _, after = text.partition("DSU 1000")
    assert "Executive summary" in before[-400:] and after
    assert "Reporting State" in text


def test_control_characters_do_not_stop_a_draft_from_printing(cli, corpus, tmp_path):
    r = cli("render", corpus["control-characters"], "-o", tmp_path / "out.pdf", "--lang", "en")
    assert r.code == 0
    assert "warning: /metadata/executive_summary/en" in r.err
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_the_size_limit_can_be_raised_for_one_run(cli, corpus):
    r = cli("validate", "--max-size", "60", corpus["fifty-megabytes"])
    assert r.code == 1 and "Unknown field “filler”" in r.out
    r = cli("validate", "--max-size", "0", corpus["fifty-megabytes"])
    assert r.code == 2 and "the size limit must be more than 0 MB" in r.err


def test_the_wizard_refuses_values_of_the_wrong_type_rather_than_lose_them(cli, corpus):
    r = cli("wizard", corpus["wrong-types"])
    assert r.code == 2
    assert "cannot be opened in the wizard: /assistance: Expected an object, found a list. (17 values" in one_line(r.err)


@pytest.mark.parametrize("name", ["bom", "huge-string", "unknown-fields", "control-characters", "bidi-controls", "ten-thousand-needs"])
async def test_the_wizard_opens_odd_but_well_typed_reports(corpus, name, tmp_path):
    path = tmp_path / "report.json"
    path.write_bytes(corpus[name].read_bytes())
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        app.screen.show_section(len(app.template.sections) - 1)  # the assistance needs table
        await pilot.pause()
        assert app.screen.query("QuestionBox")
    assert path.read_bytes() == corpus[name].read_bytes(), "opening and closing changes nothing"
