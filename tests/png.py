"""Checking that bytes are a real PNG image: its signature, and decoded by Pillow."""

from __future__ import annotations

import io
import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """The (width, height) of a PNG, after checking it decodes whole."""
    from PIL import Image  # installed with matplotlib

    assert data[:8] == PNG_SIGNATURE, data[:16]
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # decodes every pixel: a truncated or corrupt file fails here
        assert image.format == "PNG" and image.size == (width, height)
    return width, height
