#!/usr/bin/env python3
"""Renders a terminal capture with ANSI colours (tmux capture-pane -e -p) to a PNG."""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

PALETTE = [
    (0x1d, 0x1f, 0x21), (0xcc, 0x33, 0x33), (0x4e, 0x9a, 0x06), (0xc4, 0xa0, 0x00),
    (0x34, 0x65, 0xa4), (0x75, 0x50, 0x7b), (0x06, 0x98, 0x9a), (0xd3, 0xd7, 0xcf),
    (0x55, 0x57, 0x53), (0xef, 0x29, 0x29), (0x8a, 0xe2, 0x34), (0xfc, 0xe9, 0x4f),
    (0x72, 0x9f, 0xcf), (0xad, 0x7f, 0xa8), (0x34, 0xe2, 0xe2), (0xee, 0xee, 0xec),
]
DEFAULT_FG = (0xdc, 0xdc, 0xdc)
DEFAULT_BG = (0x16, 0x18, 0x1c)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def color256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        return tuple(0 if v == 0 else 55 + 40 * v for v in (n // 36, (n // 6) % 6, n % 6))
    g = 8 + 10 * (n - 232)
    return (g, g, g)


def parse(text):
    rows = []
    for line in text.split("\n"):
        cells, style, pos = [], {"fg": None, "bg": None, "bold": False, "rev": False, "ul": False, "dim": False}, 0
        for m in SGR.finditer(line):
            for ch in line[pos:m.start()]:
                cells.append((ch, dict(style)))
            pos = m.end()
            params = [int(p) if p else 0 for p in m.group(1).split(";")] or [0]
            i = 0
            while i < len(params):
                p = params[i]
                if p == 0:
                    style = {"fg": None, "bg": None, "bold": False, "rev": False, "ul": False, "dim": False}
                elif p == 1:
                    style["bold"] = True
                elif p == 2:
                    style["dim"] = True
                elif p == 4:
                    style["ul"] = True
                elif p == 7:
                    style["rev"] = True
                elif p == 22:
                    style["bold"] = style["dim"] = False
                elif p == 24:
                    style["ul"] = False
                elif p == 27:
                    style["rev"] = False
                elif 30 <= p <= 37:
                    style["fg"] = PALETTE[p - 30]
                elif 90 <= p <= 97:
                    style["fg"] = PALETTE[p - 90 + 8]
                elif 40 <= p <= 47:
                    style["bg"] = PALETTE[p - 40]
                elif 100 <= p <= 107:
                    style["bg"] = PALETTE[p - 100 + 8]
                elif p == 39:
                    style["fg"] = None
                elif p == 49:
                    style["bg"] = None
                elif p in (38, 48) and i + 1 < len(params):
                    key = "fg" if p == 38 else "bg"
                    if params[i + 1] == 5 and i + 2 < len(params):
                        style[key] = color256(params[i + 2])
                        i += 2
                    elif params[i + 1] == 2 and i + 4 < len(params):
                        style[key] = tuple(params[i + 2:i + 5])
                        i += 4
                i += 1
        for ch in line[pos:]:
            cells.append((ch, dict(style)))
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def render(rows, out):
    font, bold = ImageFont.truetype(FONT, 15), ImageFont.truetype(BOLD, 15)
    w = int(font.getlength("M"))
    ascent, descent = font.getmetrics()
    h = ascent + descent + 2
    cols = max(len(r) for r in rows)
    img = Image.new("RGB", (cols * w + 16, len(rows) * h + 16), DEFAULT_BG)
    d = ImageDraw.Draw(img)
    for y, row in enumerate(rows):
        for x, (ch, s) in enumerate(row):
            fg, bg = s["fg"] or DEFAULT_FG, s["bg"] or DEFAULT_BG
            if s["rev"]:
                fg, bg = bg, fg
            if s["dim"]:
                fg = tuple(int(c * 0.6) for c in fg)
            px, py = 8 + x * w, 8 + y * h
            if bg != DEFAULT_BG:
                d.rectangle([px, py, px + w, py + h], fill=bg)
            if ch != " ":
                d.text((px, py + 1), ch, font=bold if s["bold"] else font, fill=fg)
            if s["ul"]:
                d.line([px, py + h - 2, px + w, py + h - 2], fill=fg)
    img.save(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        render(parse(f.read()), sys.argv[2])
