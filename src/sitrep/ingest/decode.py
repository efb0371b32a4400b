"""Bytes to text: the checks every reader shares (binary data, encoding, size)."""

from __future__ import annotations

from sitrep.errors import E, SitrepError

_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def read_bytes(data: bytes, name: str, max_bytes: int | None) -> str:
    """Decodes UTF-8 input (a BOM is dropped); rejects binary, oversize and mis-encoded data."""
    if max_bytes is not None and len(data) > max_bytes:
        raise SitrepError(E.TOO_LARGE, what=name, size=len(data), limit=max_bytes)
    if looks_binary(data):
        raise SitrepError(E.BINARY_INPUT, what=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SitrepError(E.BAD_ENCODING, what=name, offset=exc.start) from None
    if not text.strip():
        raise SitrepError(E.EMPTY_INPUT, what=name)
    return text


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB: not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return bool(head) and controls / len(head) > 0.05
