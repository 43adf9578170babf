"""Temporary minimal translation functions; replaced by the gettext-backed module."""

from __future__ import annotations


def _(message: str) -> str:
    return message


def N_(message: str) -> str:
    """Mark a string for translation without translating it now (gettext's 'noop')."""
    return message


def _n(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural
