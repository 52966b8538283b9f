#!/usr/bin/env python3
"""Writes the demo bucket Buckets/demo/ (one small labeled dataset of each type, and a manifest), deterministically.

The images are drawn pixel by pixel and encoded as PNG with zlib only, so the script needs no
imaging library and gives the same bytes on every machine. Run it again to regenerate the files.
"""
import pathlib
import struct
import sys
import zlib

SIZE = 64


def png(pixels):
    """Encodes rows of (r, g, b) tuples as an 8-bit RGB PNG."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def canvas(background):
    return [[background for _ in range(SIZE)] for _ in range(SIZE)]


def rect(img, x0, y0, x1, y1, color):
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            img[y][x] = color


def disc(img, cx, cy, r, color):
    for y in range(SIZE):
        for x in range(SIZE):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                img[y][x] = color


def triangle(img, apex, left, right, color):
    """Fills the triangle given by three (x, y) corners (barycentric sign test)."""
    def side(p, a, b):
        return (p[0] - b[0]) * (a[1] - b[1]) - (a[0] - b[0]) * (p[1] - b[1])

    for y in range(SIZE):
        for x in range(SIZE):
            d1, d2, d3 = side((x, y), apex, left), side((x, y), left, right), side((x, y), right, apex)
            if not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0)):
                img[y][x] = color


def cat():
    img = canvas((235, 225, 200))
    disc(img, 32, 36, 18, (230, 140, 40))            # head
    triangle(img, (18, 8), (14, 26), (28, 22), (230, 140, 40))   # ears
    triangle(img, (46, 8), (36, 22), (50, 26), (230, 140, 40))
    disc(img, 25, 32, 3, (20, 120, 20))               # eyes
    disc(img, 39, 32, 3, (20, 120, 20))
    rect(img, 30, 40, 34, 42, (200, 60, 90))          # nose
    return img


def dog():
    img = canvas((200, 225, 240))
    disc(img, 32, 34, 18, (140, 95, 60))               # head
    rect(img, 10, 20, 18, 44, (90, 60, 35))            # ears
    rect(img, 46, 20, 54, 44, (90, 60, 35))
    disc(img, 25, 30, 3, (10, 10, 10))
    disc(img, 39, 30, 3, (10, 10, 10))
    disc(img, 32, 42, 4, (10, 10, 10))                 # nose
    return img


def bird():
    img = canvas((190, 230, 250))
    disc(img, 30, 34, 14, (60, 90, 200))
    triangle(img, (56, 32), (42, 28), (42, 38), (250, 190, 30))  # beak
    disc(img, 36, 30, 2, (0, 0, 0))
    return img


def street(with_person):
    img = canvas((120, 170, 220))                      # sky
    rect(img, 0, 44, 63, 63, (70, 70, 75))             # road
    rect(img, 6, 34, 30, 48, (200, 30, 30))            # car body: bndbox 6,34 - 30,50
    disc(img, 11, 48, 3, (20, 20, 20))
    disc(img, 25, 48, 3, (20, 20, 20))
    if with_person:
        disc(img, 48, 22, 4, (240, 200, 160))          # person: head + body, polygon below
        triangle(img, (48, 26), (42, 46), (54, 46), (40, 120, 60))
    return img


STREET_XML = """<annotation>
    <folder>detection</folder>
    <filename>street_1.png</filename>
    <source>
        <database>obslab demo</database>
    </source>
    <size>
        <width>64</width>
        <height>64</height>
        <depth>3</depth>
    </size>
    <segmented>0</segmented>
    <object>
        <name>car</name>
        <pose>Unspecified</pose>
        <truncated>0</truncated>
        <occluded>0</occluded>
        <difficult>0</difficult>
        <bndbox>
            <xmin>6</xmin>
            <ymin>34</ymin>
            <xmax>30</xmax>
            <ymax>51</ymax>
        </bndbox>
    </object>
    <object>
        <name>person</name>
        <pose>Unspecified</pose>
        <truncated>0</truncated>
        <occluded>0</occluded>
        <difficult>0</difficult>
        <polygon>
            <x1>48</x1>
            <y1>18</y1>
            <x2>54</x2>
            <y2>46</y2>
            <x3>42</x3>
            <y3>46</y3>
        </polygon>
    </object>
</annotation>
"""


def wav(frequency, seconds=0.1, rate=8000):
    """A mono 8-bit PCM WAV of a sine tone: a few hundred bytes a sound sample."""
    import math
    count = int(seconds * rate)
    samples = bytes(int(128 + 100 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count))
    header = b"RIFF" + struct.pack("<I", 36 + count) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    return header + b"data" + struct.pack("<I", count) + samples


REVIEWS = "The battery lasts all day\nIt broke after a week\nDelivery was on time\n"
REVIEWS_RESULT = "positive\nnegative\npositive\n"

MANIFEST = "\n".join([
    '{"source":"obs://demo/classification/cat_1.png","usage":"TRAIN","annotation":[{"type":"modelarts/image_classification",'
    '"name":"cat","property":{"@modelarts:color":"#e68c28"},"annotated-by":"human","creation-time":"2026-11-29 12:00:00"}]}',
    '{"source":"obs://demo/classification/dog_1.png","usage":"TRAIN","annotation":[{"type":"modelarts/image_classification",'
    '"name":"dog","annotated-by":"human","creation-time":"2026-11-29 12:00:00"}]}',
    '{"source":"obs://demo/classification/bird_1.png","usage":"TRAIN"}',
]) + "\n"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "Buckets")
    demo = root / "demo"
    files = {
        "classification/cat_1.png": png(cat()),
        "classification/cat_1.txt": b"cat\n",
        "classification/dog_1.png": png(dog()),
        "classification/dog_1.txt": b"dog\n",
        "classification/bird_1.png": png(bird()),      # no sidecar: an unlabeled sample
        "detection/street_1.png": png(street(True)),
        "detection/street_1.xml": STREET_XML.encode(),
        "detection/street_2.png": png(street(False)),  # no sidecar: an unlabeled sample
        "text/reviews.txt": REVIEWS.encode(),              # one sample a line, labels in reviews_result.txt
        "text/reviews_result.txt": REVIEWS_RESULT.encode(),
        "sound/Rabbit/rabbit_1.wav": wav(440),             # sound classification: the folder is the label
        "sound/Dog/dog_1.wav": wav(220),
        "manifest/classification.manifest": MANIFEST.encode(),
    }
    for name, data in files.items():
        path = demo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
