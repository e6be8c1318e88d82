#!/usr/bin/env python3
"""Draws the toolbar icon (a page with lines, one struck out) as PNGs at the sizes browsers ask for."""
import struct, zlib, sys, os

def png(w, h, pixels):
    raw = b"".join(b"\x00" + bytes(pixels[y * w * 4:(y + 1) * w * 4]) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

def icon(n):
    px = [0] * (n * n * 4)
    def put(x, y, c):
        if 0 <= x < n and 0 <= y < n:
            i = (y * n + x) * 4
            px[i:i + 4] = c
    s = n / 16.0
    teal, white, red = (20, 110, 120, 255), (255, 255, 255, 255), (230, 80, 60, 255)
    r = max(1, int(3 * s))
    for y in range(n):
        for x in range(n):
            # rounded square
            cx = min(max(x, r), n - 1 - r); cy = min(max(y, r), n - 1 - r)
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                put(x, y, teal)
    def bar(y0, x0, x1, c):
        for y in range(int(y0 * s), max(int(y0 * s) + 1, int((y0 + 1.6) * s))):
            for x in range(int(x0 * s), int(x1 * s)):
                put(x, y, c)
    bar(3.5, 3.5, 12.5, white)
    bar(6.5, 3.5, 12.5, red)
    bar(9.5, 3.5, 12.5, white)
    bar(12.0, 3.5, 9.5, white)
    return png(n, n, px)

out = sys.argv[1] if len(sys.argv) > 1 else "extension/icons"
os.makedirs(out, exist_ok=True)
for n in (16, 32, 48, 128):
    open(os.path.join(out, f"icon-{n}.png"), "wb").write(icon(n))
