#!/bin/sh
# subset.sh — reproduce plots/font/NotoSansSC-jianfu.otf, the CJK font that
# package plots embeds so that charts show Chinese labels without depending on
# the fonts installed on the machine that renders them.
#
# Source: Noto Sans CJK SC Regular, face 2 ("Noto Sans CJK SC") of the
# collection NotoSansCJK-Regular.ttc shipped by Debian 12 (bookworm) package
# fonts-noto-cjk 1:20220127+repack1-1 (font version 2.004). Licence: SIL Open
# Font License 1.1, see OFL.txt next to this script.
#
# Tools (Debian 12):
#   apt-get update
#   apt-get install -y fonts-noto-cjk python3-fonttools   # fontTools 4.38.0
# Debian's python3-fonttools is installed for the system interpreter, so the
# script calls /usr/bin/python3 explicitly (not whatever python3 is first on
# PATH, e.g. a pyenv shim).
#
# Coverage kept:
#   - ASCII, Latin-1 supplement (× ° ± · etc.)
#   - General punctuation U+2000-206F (— – ‰ “ ” … ‧), letterlike symbols
#     (℃ №), number forms (Ⅰ Ⅱ), arrows, mathematical operators (≤ ≥ ≠),
#     enclosed alphanumerics (① ②), box drawing, geometric shapes (■ ● ▲),
#     miscellaneous symbols (★ ☆)
#   - CJK symbols and punctuation U+3000-303F, enclosed CJK U+3200-32FF,
#     CJK compatibility forms U+FE30-FE4F, small form variants U+FE50-FE6F,
#     half-width and full-width forms U+FF00-FFEF
#   - every character of GBK: each BMP code point that round-trips through
#     Python's 'gbk' codec. This includes GB2312 and nearly all of the
#     通用规范汉字表 (e.g. name characters 喆 堃 玥 珺).
#   - CJK Extensions C-F as far as the SC face has them (about 200
#     characters, mostly from the 通用规范汉字表). Extensions A and B
#     (8,690 glyphs in this face) are left out to keep the file near 5 MB; a
#     chart needing one of them fails with a MissingGlyphsError and the user
#     can pass a full font with --font.
# Code points the source font lacks are skipped by pyftsubset.
#
# Options: all name records in all languages are kept (copyright, licence,
# trademark: the OFL requires the copyright notice to travel with the font).
# Layout features: pyftsubset's defaults (ccmp, liga, kern, vert, ...) plus
# the CJK spacing features palt/halt/vhal/vpal, but not locl, whose Japanese,
# Korean and Traditional Chinese forms would add 17,000 glyphs that Simplified
# Chinese text never uses. Glyph names and hints are dropped to save space
# (gonum/plot renders unhinted anyway). The output is byte-for-byte
# reproducible with the same fontTools and source font.
#
# Usage: sh plots/font/subset.sh   (from anywhere; writes next to this script)
set -eu

PY=/usr/bin/python3
SRC=${SRC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
FACE=2 # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK, 5-9 Mono
DIR=$(cd "$(dirname "$0")" && pwd)
OUT="$DIR/NotoSansSC-jianfu.otf"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Check that the chosen face really is the SC one.
"$PY" - "$SRC" "$FACE" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True)
name = f["name"].getDebugName(1)
if name != "Noto Sans CJK SC":
    sys.exit("face %s is %r, not Noto Sans CJK SC" % (sys.argv[2], name))
PYEOF

# Write the list of code points, one U+XXXX per line.
"$PY" - > "$TMP/unicodes.txt" <<'PYEOF'
ranges = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x214F),  # letterlike symbols
    (0x2150, 0x218F),  # number forms
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x26FF),  # miscellaneous symbols
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK letters and months
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6F),  # small form variants
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    # CJK Unified Ideographs Extensions C to F: the few hundred characters
    # the SC face has there were encoded mostly for the 通用规范汉字表
    # (name and place characters such as U+2B5AE, U+2CC56); cheap to keep.
    (0x2A700, 0x2EBEF),
]
cps = set()
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
for cp in range(0x80, 0x10000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    try:
        if c.encode("gbk").decode("gbk") == c:
            cps.add(cp)
    except UnicodeError:
        pass
for cp in sorted(cps):
    print("U+%04X" % cp)
PYEOF

"$PY" -m fontTools.subset "$SRC" \
    --font-number="$FACE" \
    --unicodes-file="$TMP/unicodes.txt" \
    --output-file="$OUT" \
    --name-IDs='*' --name-legacy --name-languages='*' \
    --layout-features+=palt,halt,vhal,vpal --layout-features-=locl \
    --no-hinting \
    --no-glyph-names \
    --notdef-outline \
    --recalc-bounds

"$PY" - "$OUT" <<'PYEOF'
import os, sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
print("%s: %d bytes, %d glyphs, %d code points" % (
    os.path.basename(sys.argv[1]), os.path.getsize(sys.argv[1]),
    f["maxp"].numGlyphs, len(f.getBestCmap())))
PYEOF
