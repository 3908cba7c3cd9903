"""The commands beyond ``validate`` and ``schema``, registered on the CLI."""
from __future__ import annotations
