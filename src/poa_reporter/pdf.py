"""Render a national report to PDF with WeasyPrint.

One ``Renderer`` keeps the fonts, the stylesheet and the Jinja environment
warm: build it once per process and call ``render`` for each report.
"""
from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from poa_reporter.answers import text_dir
from poa_reporter.i18n import gettext_for
from poa_reporter.pdf_context import LANG_MODES, build_context
from poa_reporter.resources import data_dir
from poa_reporter.template import Template, load_template

ASSET_BASE = "poa://assets/"
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")


def font_files() -> dict[str, Path]:
    import fontpkg_amiri

    return {p.name: p for p in (Path(fontpkg_amiri.ROOT) / "files").glob("*.ttf")}


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def margin_css(lang_mode: str, digits: str) -> str:
    """Running header and 'page n of N' footer in each language of the mode."""
    langs = LANG_MODES[lang_mode]

    def footer(lang: str) -> str:
        _ = gettext_for(lang)
        style = ", arabic-indic" if lang == "ar" and digits == "arab" else ""
        return f'{_css_string(_("Page") + " ")} counter(page{style}) {_css_string(" " + _("of") + " ")} counter(pages{style})'

    if len(langs) == 1:
        lang = langs[0]
        direction = "rtl" if lang == "ar" else "ltr"
        return (f"@page {{ @top-center {{ content: string(run-1); direction: {direction}; }} "
                f"@bottom-center {{ content: {footer(lang)}; direction: {direction}; }} }}")
    return ("@page { @top-right { content: string(run-ar); direction: rtl; } @top-left { content: string(run-en); } "
            f"@bottom-right {{ content: {footer('ar')}; direction: rtl; }} @bottom-left {{ content: {footer('en')}; }} }}")


class RefusedURL(ValueError):
    pass


def make_fetcher(assets: dict[str, tuple[bytes, str]], refused: list[str]):
    """A WeasyPrint URL fetcher serving only the package's own assets; everything else is refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackageOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in assets:
                body, mime = assets[url]
                return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
            refused.append(url)
            raise RefusedURL(f"poa-reporter loads no outside resource: {url[:200]}")

    return PackageOnlyFetcher()


class Renderer:
    """A warm PDF renderer: fonts and stylesheet loaded once."""

    def __init__(self, template: Template | None = None):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        self.template = template or load_template()
        templates = data_dir("templates")
        self.env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["textdir"] = text_dir
        self.page = self.env.get_template("report.html")
        self.refused: list[str] = []
        assets = {ASSET_BASE + "fonts/" + name: (path.read_bytes(), "font/ttf") for name, path in font_files().items()}
        for path in templates.glob("*.css"):
            assets[ASSET_BASE + path.name] = (path.read_bytes(), mimetypes.types_map.get(".css", "text/css"))
        self.fetcher = make_fetcher(assets, self.refused)
        self.fonts = FontConfiguration()
        self.stylesheet = CSS(string=(templates / "report.css").read_text(encoding="utf-8"), base_url=ASSET_BASE,
                              url_fetcher=self.fetcher, font_config=self.fonts)
        self._margins: dict[tuple[str, str], Any] = {}

    def _margin_sheet(self, lang_mode: str, digits: str):
        from weasyprint import CSS

        key = (lang_mode, digits)
        if key not in self._margins:
            self._margins[key] = CSS(string=margin_css(lang_mode, digits), url_fetcher=self.fetcher, font_config=self.fonts)
        return self._margins[key]

    def html(self, report: dict, lang_mode: str = "ar+en", digits: str = "latn") -> str:
        return self.page.render(**build_context(self.template, report, lang_mode, digits))

    def render(self, report: dict, lang_mode: str = "ar+en", digits: str = "latn", variant: str | None = None) -> bytes:
        """The PDF bytes of ``report`` (a parsed, valid report)."""
        from weasyprint import HTML

        document = HTML(string=self.html(report, lang_mode, digits), base_url=ASSET_BASE, url_fetcher=self.fetcher)
        options: dict[str, Any] = {"font_config": self.fonts, "stylesheets": [self.stylesheet, self._margin_sheet(lang_mode, digits)],
                                   "uncompressed_pdf": False}
        if variant:
            options["pdf_variant"] = variant
            options["custom_metadata"] = True
        return document.write_pdf(**options)
