"""Interface and message translations: gettext catalogues under ``locales/``,
read with Babel. English is the source language (msgid = English text)."""
from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from poa_reporter.resources import data_dir

DOMAIN = "poa_reporter"
LANGUAGES = ("en", "ar")
RTL_LANGUAGES = frozenset({"ar"})


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for ``lang``; English (or a language without a catalogue) is the identity."""
    po = data_dir("locales") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext_for(lang: str):
    return translations(lang).gettext


def tr(lang: str, message: str) -> str:
    """``message`` in ``lang`` (extracted by Babel as the keyword ``tr:2``)."""
    return translations(lang).gettext(message)


@cache
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def pick(text: dict | None, lang: str, fallback: bool = True) -> str:
    """The ``lang`` form of a ``{"ar": …, "en": …}`` label or answer."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    if not fallback:
        return ""
    return text.get("en") or next(iter(text.values()))


_TYPE_NAMES = {
    "object": N_("an object"),
    "array": N_("a list"),
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "null": N_("null"),
}
_PY_TYPES = {dict: "object", list: "array", str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def type_name(value_or_type, lang: str, *, is_value: bool = False) -> str:
    """The JSON type of a value (``is_value=True``) or a schema type name, in words."""
    name = _PY_TYPES.get(type(value_or_type), "object") if is_value else value_or_type
    return gettext_for(lang)(_TYPE_NAMES.get(name, name))
