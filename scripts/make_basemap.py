"""Build the web map's offline base map: src/claimgraph/web/static/basemap.svg.

Country outlines from Natural Earth 1:110m "admin 0 countries" (public domain, naturalearthdata.com),
as geopandas 0.14 ships them in its wheel (geopandas/datasets/naturalearth_lowres), read with pyshp.
Plate carrée (equirectangular): x = lon + 180, y = 90 - lat, in a 360 x 180 viewBox, so the page places
a point at (lon + 180, 90 - lat) with no projection code. Coordinates are rounded to 0.1 degree.

    .venv/bin/pip install 'pyshp>=2.3,<4'
    .venv/bin/pip download 'geopandas==0.14.4' --no-deps -d /tmp/basemap-src
    .venv/bin/python scripts/make_basemap.py /tmp/basemap-src/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import zipfile
from html import escape
from pathlib import Path

import shapefile  # pyshp

OUT = Path(__file__).resolve().parent.parent / "src" / "claimgraph" / "web" / "static" / "basemap.svg"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def _path(points: list[tuple[float, float]]) -> str:
    out, last = [], None
    for lon, lat in points:
        xy = (round(lon + 180, 1), round(90 - lat, 1))
        if xy != last:
            out.append(f"{xy[0]:g},{xy[1]:g}")
            last = xy
    return "M" + "L".join(out) + "Z" if len(out) > 2 else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", help="the geopandas 0.14 wheel (pip download geopandas==0.14.4 --no-deps)")
    parser.add_argument("-o", "--out", default=str(OUT))
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as z:
        files = {ext: io.BytesIO(z.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
    # the .cpg says ISO-8859-1
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="latin-1")
    names = [f[0] for f in reader.fields[1:]]
    lines = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" class="basemap">',
             "<!-- Natural Earth 1:110m admin 0 countries (public domain), via geopandas 0.14 naturalearth_lowres;"
             " built by scripts/make_basemap.py. Equirectangular: x = lon + 180, y = 90 - lat. -->",
             "<style>path{fill:#ece8dc;stroke:#9a9486;stroke-width:.15}</style>"]
    for shape, record in zip(reader.shapes(), reader.records(), strict=True):
        row = dict(zip(names, record, strict=True))
        parts = list(shape.parts) + [len(shape.points)]
        d = "".join(_path(shape.points[a:b]) for a, b in zip(parts, parts[1:], strict=False))
        if d:
            lines.append(f'<path d="{d}"><title>{escape(str(row.get("name", "")))}</title></path>')
    lines.append("</svg>")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")  # read as ISO-8859-1 (the .cpg)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB, {len(lines) - 4} countries)")


if __name__ == "__main__":
    main()
