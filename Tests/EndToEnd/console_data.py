"""Generated data for the console's end-to-end tests: real PNG images (so that the browser decodes them and draws the
boxes over them in the image's own pixels), Pascal VOC label files, and WAV sounds."""
from __future__ import annotations

import struct
import zlib


def png(width: int, height: int, color: tuple[int, int, int], box: tuple[int, int, int, int] | None = None) -> bytes:
    """An RGB PNG of one color, with a darker rectangle (xmin, ymin, xmax, ymax) when given."""
    dark = tuple(channel // 3 for channel in color)
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            inside = box and box[0] <= x < box[2] and box[1] <= y < box[3]
            row += bytes(dark if inside else color)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")


def wav(milliseconds: int = 100, rate: int = 8000) -> bytes:
    """A mono 8-bit PCM WAV of silence."""
    data = bytes([128]) * (rate * milliseconds // 1000)
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(data), b"WAVE", b"fmt ", 16, 1, 1, rate, rate, 1, 8, b"data", len(data))
    return header + data


def voc(filename: str, width: int, height: int, objects: list[tuple[str, tuple[int, int, int, int]]]) -> bytes:
    """A Pascal VOC annotation: each object a name and its box (xmin, ymin, xmax, ymax)."""
    parts = [f"<annotation><filename>{filename}</filename><size><width>{width}</width><height>{height}</height>"
             "<depth>3</depth></size>"]
    for name, (xmin, ymin, xmax, ymax) in objects:
        parts.append(f"<object><name>{name}</name><difficult>0</difficult><bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin>"
                     f"<xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>")
    parts.append("</annotation>")
    return "".join(parts).encode()
