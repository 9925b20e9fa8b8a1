#!/usr/bin/python3
"""Convert the bundled TrueType font to the same font with CFF outlines.

Usage: scripts/font-to-cff.py DroidSansFallbackFull.ttf assets/fonts/DroidSansFallbackFull.otf

The source is Debian's fonts-droid-fallback package (apt-get download
fonts-droid-fallback; the .ttf is under usr/share/fonts/truetype/droid/). It
needs fontTools and cffsubr (Debian: python3-fonttools, python3-cffsubr).

Why: Fyne parses the theme's font once per text style as the first window
opens. The go-text parser reads every TrueType glyph outline up front (49,382
glyphs, about 150,000 allocations a parse), but keeps CFF outlines as bytes
until a glyph is drawn. The same font with CFF outlines parses several times
faster with a few hundred allocations, which is most of the start-up cost the
font had.

What changes: only the outline format. Quadratic TrueType curves are written
as the cubic curves they equal exactly; composite glyphs are drawn out, and
the outlines' shared parts become CFF subroutines (AFDKO's subroutinizer,
through cffsubr), so the file stays as small as the original; the TrueType
hinting programs go (Fyne's renderer does not run them). The glyph
set, character map, advance widths, vertical metrics and layout tables stay
as they are, and the script checks that before writing. The name table says
the file was changed, as the Apache License asks of a modified file.
"""

import sys

import cffsubr
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

NOTICE = ("Changed for Hindsight: the TrueType outlines were converted to CFF outlines "
          "(exactly equal curves), without the hinting programs. Glyphs, character map "
          "and metrics are unchanged.")


def convert(source_path, target_path):
    font = TTFont(source_path)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    widths = font["hmtx"].metrics
    cmap = dict(font.getBestCmap())
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(widths[name][0], glyphs)
        glyphs[name].draw(pen)  # draws a composite glyph's parts too
        charstrings[name] = pen.getCharString()

    for tag in ("glyf", "loca", "fpgm", "prep", "cvt ", "gasp"):
        if tag in font:
            del font[tag]
    names = font["name"]
    builder = FontBuilder(font["head"].unitsPerEm, isTTF=False)
    builder.font = font  # keep every other table as it is
    builder.setupCFF(names.getDebugName(6), {
        "FullName": names.getDebugName(4),
        "FamilyName": names.getDebugName(1),
        "Notice": NOTICE,
    }, charstrings, {})
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font["maxp"].tableVersion = 0x00005000
    font.sfntVersion = "OTTO"
    for record in names.names:
        if record.nameID == 10:  # the description
            record.string = NOTICE + " " + record.toUnicode()
    cffsubr.subroutinize(font)
    font.save(target_path)
    check(source_path, target_path, order, cmap)


def check(source_path, target_path, order, cmap):
    """Refuse a conversion that changed anything but the outline format."""
    source, target = TTFont(source_path), TTFont(target_path)
    if target.getGlyphOrder() != order:
        sys.exit("the glyph order changed")
    if dict(target.getBestCmap()) != cmap:
        sys.exit("the character map changed")
    if target["hmtx"].metrics != source["hmtx"].metrics:
        sys.exit("the advance widths changed")
    source_glyphs, target_glyphs = source.getGlyphSet(), target.getGlyphSet()
    for name in order:
        before, after = BoundsPen(source_glyphs), BoundsPen(target_glyphs)
        source_glyphs[name].draw(before)
        target_glyphs[name].draw(after)
        if (before.bounds is None) != (after.bounds is None) or before.bounds and any(
                abs(a - b) > 1 for a, b in zip(before.bounds, after.bounds)):
            sys.exit(f"glyph {name} changed its bounds: {before.bounds} → {after.bounds}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2])
