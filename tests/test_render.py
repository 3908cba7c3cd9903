"""The PDF a delegation hands in: text, languages, fonts, safety."""
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import EXAMPLES, pdftext, require


def letters_only(text: str) -> str:
    # Amiri draws lam before kaf as two glyphs that each map back to lam: pdftotext reads
    # "إللكتروني" for "إلكتروني". The PDF shows the word right; fold the artefact on both sides.
    return "".join(c for c in text if c.isalpha()).replace("للك", "لك")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each example rendered once through the CLI: {(name, mode, digits): pdf path}."""
    from poa_reporter.cli import main

    out = tmp_path_factory.mktemp("pdf")
    cache = {}

    def get(name, mode="ar+en", digits="latn", *extra):
        key = (name, mode, digits, extra)
        if key not in cache:
            target = out / f"{len(cache)}.pdf"
            assert main(["render", str(EXAMPLES / name), "-o", str(target), "--lang", mode, "--digits", digits, *extra]) == 0
            cache[key] = target
        return cache[key]
    return get


def free_texts(value, lang):
    if isinstance(value, dict):
        if lang in value and isinstance(value[lang], str) and set(value) <= {"ar", "en", "fr", "es", "ru", "zh"}:
            yield value[lang]
        for v in value.values():
            yield from free_texts(v, lang)
    elif isinstance(value, list):
        for v in value:
            yield from free_texts(v, lang)


def test_bilingual_pdf_has_arabic_in_logical_order_and_english(rendered):
    text = pdftext(rendered("chad-bms9-bilingual.json"))
    assert "هل توضع العلامات على الأسلحة وقت صنعها؟" in text
    assert "Are weapons marked at the time of manufacture?" in text
    assert "الاحتياجات من المساعدة" in text and "Assistance needs" in text
    assert "التقرير الوطني عن تنفيذ برنامج العمل والصك الدولي للتعقب" in text


@pytest.mark.parametrize("name,lang", [("chad-bms9-bilingual.json", "en"), ("new-zealand-bms9-en.json", "en"), ("jordan-bms9-ar.json", "ar")])
def test_every_answered_free_text_is_in_the_pdf(rendered, example, name, lang):
    path = rendered(name)
    # pdftotext skips some cells of wide tables; pypdf reads them: a value must be in one of the two
    text = pdftext(path) + " " + " ".join(p.extract_text() for p in PdfReader(path).pages)
    report = example(name)
    # pdftotext cannot tell where digits, spaces and punctuation stood in an Arabic run
    # (weak bidi characters): compare the letters, which keep their logical order
    letters = letters_only(text)
    words = {letters_only(w) for w in text.split()}
    texts = list(free_texts(report, lang))
    verbatim = [t for t in texts if letters_only(t) in letters]
    # text in narrow table cells wraps, and pdftotext interleaves cells: there, every word must be present
    missing = [t for t in texts if t not in verbatim and not {letters_only(w) for w in t.split()} <= words]
    assert not missing
    assert len(verbatim) >= 0.8 * len(texts)


def test_answered_values_counts_money_dates_and_tables(rendered):
    text = pdftext(rendered("chad-bms9-bilingual.json"))
    assert "$850,000" in text                      # assistance need budget, en
    assert "March 15, 2026" in text                 # submission date, en
    assert "1,240" in text and "24.4%" in text      # SDG 16.4.2 seized, derived traced proportion
    assert "Arms and Ammunition Law No. 34 of 2018" in text
    assert "https://laws.example.gov/arms-2018" in "".join(text.split())  # wraps in its cell
    for i in range(1, 11):
        assert f"N{i}" in text


def test_unanswered_questions_are_shown_not_hidden(rendered):
    text = pdftext(rendered("minimal-valid.json"))
    assert text.count("Not answered") >= 80
    assert "Are weapons marked at the time of manufacture?" in text


def test_arabic_only_with_arabic_indic_digits(rendered):
    text = pdftext(rendered("jordan-bms9-ar.json", "ar", "arab"))
    assert "٢٠٢٦" in text and "الصفحة١من" in "".join(text.split())
    assert "Are weapons marked" not in text
    assert "هل توضع العلامات على الأسلحة وقت صنعها؟" in text


def test_english_only_has_no_arabic_labels(rendered):
    text = pdftext(rendered("new-zealand-bms9-en.json", "en"))
    assert "Page 1 of" in text
    assert not re.search("[\u0600-\u06ff]", text)


def test_fonts_are_embedded_subsets_from_the_package(rendered):
    require("pdffonts")
    out = subprocess.run(["pdffonts", str(rendered("chad-bms9-bilingual.json"))], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Amiri" in row
        cols = row.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], row   # emb sub uni


def test_document_metadata_and_size(rendered, example):
    path = rendered("chad-bms9-bilingual.json")
    info = PdfReader(path).metadata
    assert "Chad" in info.title and "تشاد" in info.title
    assert info.author == "National Commission on Small Arms"
    assert path.stat().st_size <= 250 * 1024


def test_pdf_a_variant(rendered):
    path = rendered("new-zealand-bms9-en.json", "en", "latn", "--pdf-variant", "pdf/a-3b")
    xmp = PdfReader(path).xmp_metadata
    assert xmp is not None and b"pdfaid" in xmp.stream.get_data()


INJECTIONS = [
    '<img src="file:///etc/passwd">',
    "<style>@import url(http://127.0.0.1:9/evil.css);</style>",
    '<link rel="stylesheet" href="https://127.0.0.1:9/x.css">',
    "<script>alert(1)</script>",
    "</div><div style=\"background:url('file:///etc/hostname')\">",
    "url(file:///etc/passwd) @font-face{src:url(http://127.0.0.1:9/f.ttf)}",
]


def test_injected_markup_is_printed_literally_and_nothing_is_fetched(tmp_path, minimal, write_json, monkeypatch):
    from poa_reporter.rendering import renderer

    arabic = json.loads(json.dumps(minimal))
    arabic["other"] = {"challenges": {"ar": "<b>نص</b> " + INJECTIONS[0]}}
    minimal["other"] = {"comments": {"en": " ".join(INJECTIONS)}}
    minimal["metadata"]["prepared_by"] = {"name": '<img src="http://127.0.0.1:9/x.png">'}
    source = write_json(minimal)
    arabic_source = write_json(arabic, "arabic.json")
    events = []

    def audit(event, args):
        if event == "open" and args and isinstance(args[0], str) and args[0].startswith(("/etc/passwd", "/etc/hostname")):
            events.append((event, args[0]))
        elif event in ("socket.connect", "urllib.Request"):
            events.append((event, args))
    sys.addaudithook(audit)
    r = renderer()
    r.refused.clear()
    from poa_reporter.cli import main
    assert main(["render", str(source), "-o", str(tmp_path / "x.pdf"), "--lang", "en"]) == 0
    assert main(["render", str(arabic_source), "-o", str(tmp_path / "ar.pdf"), "--lang", "ar"]) == 0
    assert events == []
    assert r.refused == []
    # (on a page where "<" also stands in Arabic text, the PDF maps the mirrored glyph back to ">":
    # a ToUnicode limit of one text per glyph; so the literal check reads the English-only PDF)
    squeezed = "".join("".join(p.extract_text() for p in PdfReader(tmp_path / "x.pdf").pages).split())
    for s in INJECTIONS:
        assert "".join(s.split()) in squeezed
    html = r.html(minimal, "en")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html and "<img" not in html and "<script" not in html


def test_url_fetcher_serves_only_package_assets():
    from poa_reporter.rendering import renderer

    r = renderer()
    assert r.fetcher.fetch("poa://assets/fonts/Amiri-Regular.ttf").status == 200
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/x", "https://example.org/a.css", "data:text/css,body{}", "poa://assets/../../etc/passwd"]:
        with pytest.raises(ValueError):
            r.fetcher.fetch(url)
    assert "file:///etc/passwd" in r.refused


def test_render_refuses_a_schema_invalid_report(cli, tmp_path):
    r = cli("render", EXAMPLES / "invalid" / "schema-wrong-types.json", "-o", tmp_path / "x.pdf")
    assert r.code == 1
    assert "invalid report, not rendered: /marking/at_manufacture Expected an object, found text. (and 2 more)" in r.err
    assert not (tmp_path / "x.pdf").exists()


def test_render_prints_a_draft_with_rule_warnings(cli, tmp_path):
    r = cli("render", EXAMPLES / "invalid" / "rule-details-expected.json", "-o", tmp_path / "x.pdf", "--lang", "en")
    assert r.code == 0
    assert "warning: /brokering/brokering_law/details Details are expected" in r.err
    assert (tmp_path / "x.pdf").stat().st_size > 1000


def test_render_unreadable_input_and_bad_output_folder(cli, tmp_path):
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    r = cli("render", tmp_path / "bad.json")
    assert r.code == 2 and "not valid JSON" in r.err
    r = cli("render", EXAMPLES / "minimal-valid.json", "-o", tmp_path / "no" / "such" / "dir.pdf")
    assert r.code == 2 and "does not exist" in r.err
