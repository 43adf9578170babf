"""Temporary minimal translation functions; replaced by the gettext-backed module."""

from __future__ import annotations


def _(message: str) -> str:
    return message


def N_(message: str) -> str:
    """Mark a string for translation without translating it now (gettext's 'noop')."""
    return message
