"""Assistance needs for matchmaking: export, privacy, summaries, matching."""
import csv
import io
import json

from conftest import EXAMPLES, VALID_EXAMPLES

from poa_reporter.assistance import CSV_COLUMNS
from poa_reporter.validation import validate_document

OFFERS = EXAMPLES / "offers" / "donor-offers.json"


def test_csv_export_has_one_row_per_shareable_need_with_the_right_columns(cli, example):
    r = cli("assistance", *VALID_EXAMPLES)
    assert r.code == 0
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert list(rows[0]) == CSV_COLUMNS
    chad = example("chad-bms9-bilingual.json")["assistance"]["assistance_needs"]
    shareable = [n["id"] for n in chad if n.get("shareable")]
    assert [row["need_id"] for row in rows if row["state"] == "TCD"] == shareable
    first = next(row for row in rows if row["state"] == "TCD")
    assert first == {**first, "state_name": "Chad", "region": "africa", "cycle": "BMS9-2026", "areas": "stockpile_management",
                     "types": "equipment;training", "title_en": "Secure armouries for provincial police",
                     "title_ar": "مستودعات أسلحة آمنة لشرطة المحافظات", "budget_amount": "850000", "budget_currency": "USD",
                     "shareable": "yes", "status": "open"}


def test_private_needs_are_left_out_unless_asked(cli, example):
    private = [n["id"] for n in example("chad-bms9-bilingual.json")["assistance"]["assistance_needs"] if not n.get("shareable")]
    assert private
    out = cli("assistance", EXAMPLES / "chad-bms9-bilingual.json").out
    assert not any(f",{pid}," in out for pid in private)
    out = cli("assistance", EXAMPLES / "chad-bms9-bilingual.json", "--include-private").out
    assert all(f",{pid}," in out for pid in private)


def test_json_export_validates_against_its_published_schema(cli, tmp_path):
    target = tmp_path / "needs.json"
    r = cli("assistance", *VALID_EXAMPLES, "--format", "json", "-o", target, "--include-private")
    assert r.code == 0 and "need(s)" in r.err
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["count"] == len(doc["needs"]) == 13
    assert validate_document(doc, "assistance-needs.schema.json") == []
    doc["needs"][0]["areas"] = ["weapons"]
    assert validate_document(doc, "assistance-needs.schema.json")[0].pointer == "/needs/0/areas/0"


def test_xlsx_export_opens_with_the_same_columns(cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "needs.xlsx"
    assert cli("assistance", EXAMPLES / "chad-bms9-bilingual.json", "--format", "xlsx", "-o", target).code == 0
    ws = load_workbook(target).active
    assert [c.value for c in ws[1]] == CSV_COLUMNS
    assert ws.max_row == 1 + 8
    assert cli("assistance", EXAMPLES / "chad-bms9-bilingual.json", "--format", "xlsx").code == 2


def test_formula_injection_is_neutralised_in_xlsx(tmp_path, minimal, write_json, cli):
    from openpyxl import load_workbook

    minimal["assistance"] = {"needs_assistance": "yes", "assistance_needs": [
        {"id": "N1", "areas": ["marking"], "types": ["equipment"], "title": {"en": "=HYPERLINK(\"http://127.0.0.1/x\")"}, "shareable": True}]}
    target = tmp_path / "x.xlsx"
    assert cli("assistance", write_json(minimal), "--format", "xlsx", "-o", target).code == 0
    ws = load_workbook(target).active
    cell = ws.cell(row=2, column=CSV_COLUMNS.index("title_en") + 1)
    assert cell.value.startswith("'=") and cell.data_type == "s"


def test_summary_per_area_type_region_and_currency(cli):
    r = cli("assistance", *VALID_EXAMPLES, "--summary", "--format", "json", "--include-private")
    summary = json.loads(r.out)
    assert summary["needs"] == 13 and summary["states"] == 2
    assert summary["by_region"] == {"africa": 10, "asia": 3}
    assert summary["by_type"]["equipment"] == 8
    assert summary["budget_by_currency"] == {"EUR": 660000, "USD": 3910000}
    text = cli("assistance", *VALID_EXAMPLES, "--summary").out
    assert "Needs per area" in text and "Total indicative budget" in text


def test_invalid_and_unreadable_reports_are_skipped_with_a_line_each(cli, tmp_path):
    (tmp_path / "broken.json").write_text("[", encoding="utf-8")
    r = cli("assistance", EXAMPLES / "chad-bms9-bilingual.json", EXAMPLES / "invalid" / "schema-wrong-types.json", tmp_path / "broken.json")
    assert r.code == 2
    assert "schema-wrong-types.json: invalid report, skipped" in r.err
    assert "broken.json: not valid JSON" in r.err
    assert r.out.count("\nTCD,") == 8


def test_matching_ranks_the_obviously_good_offer_first_and_says_why(cli):
    r = cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", OFFERS, "--format", "json")
    assert r.code == 0
    matches = json.loads(r.out)["matches"]
    armouries = [m for m in matches if m["need_id"] == "N1"]
    assert armouries[0]["offer_id"] == "SSF-1" and armouries[0]["rank"] == 1
    assert armouries[0]["score"] > armouries[1]["score"]
    assert "region africa is of interest" in armouries[0]["reasons"]
    assert "budget 850,000 USD within the offer's range" in armouries[0]["reasons"]
    assert any("outside the donor's regions" in reason for reason in armouries[1]["reasons"])
    gender = [m for m in matches if m["need_id"] == "N7"]
    assert gender[0]["offer_id"] == "EUR-3" and "TCD is a State of interest" in gender[0]["reasons"]


def test_match_table_and_csv(cli):
    r = cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", OFFERS)
    assert r.code == 0 and "Sahel Security" in r.out and "(SSF-1)" in r.out
    rows = list(csv.DictReader(io.StringIO(cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", OFFERS, "--format", "csv").out)))
    assert rows[0]["need_id"] == "N1" and rows[0]["offer_id"] == "SSF-1" and rows[0]["rank"] == "1"


def test_offers_from_a_donor_national_report(cli):
    r = cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", EXAMPLES / "new-zealand-bms9-en.json", "--format", "json")
    assert r.code == 0
    matches = json.loads(r.out)["matches"]
    assert {m["donor"] for m in matches} == {"New Zealand"}


def test_bad_offers_files(cli, tmp_path, write_json):
    assert cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", tmp_path / "none.json").code == 2
    bad = write_json({"schema_version": "1.0", "offers": [{"id": "X", "donor": "D", "areas": ["space"], "types": ["training"]}]}, "o.json")
    r = cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", bad)
    assert r.code == 1 and "invalid offers: /offers/0/areas/0" in r.err
    assert cli("match", EXAMPLES / "chad-bms9-bilingual.json", "--offers", EXAMPLES / "minimal-valid.json").code == 1
