"""Where the package's data lives: schemas, templates and locales.

In a wheel they are copied under ``poa_reporter/_data``; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parents[1] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"poa-reporter data folder {name!r} is missing from the installation")


def schema_path(name: str = "poa-national-report.schema.json") -> Path:
    return data_dir("schemas") / name
