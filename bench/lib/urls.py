#!/usr/bin/python3
"""Writes the fixed, reproducible request lists of the WMS and WMTS benchmarks, one URL per line.

    urls.py wms-tiles   BASE TARGET [Z...]  256x256 PNG GetMap of the WebMercatorQuad tiles over the marsh, 3x3 at z12,
                                        z14, z16 (or the zooms given)
    urls.py wms-maps    BASE TARGET [SCALE...]  1024x768 PNG GetMap in Lambert-93 at 1:25 000 and 1:4 000 (or the
                                        scale denominators given)
    urls.py habitat-maps BASE TARGET    1024x768 PNG GetMap of the habitats alone at 1:25 000 and 1:100 000
    urls.py wmts-rest   BASE LAYER...  our RESTful WMTS tiles of blocks over the marsh at z10..z16, per layer
    urls.py static      BASE LAYER...  the same tiles as files {layer}/{z}/{x}/{y}.png under BASE (nginx)
    urls.py tile-getmap BASE TARGET LAYER...  GetMap of each tile's box, 256x256, one layer a request
    urls.py seed-boxes                 per zoom of the WMTS blocks: "z minLon,minLat,maxLon,maxLat" just inside them

TARGET is "ours" (BASE/wms, layers with their workspace), "mapserver" (BASE/mapserv, bench/mapserver names) or
"qgis" (BASE/qgis, the names of bench/fair/qgis_project.py, the same as MapServer's).
Maps draw habitats, communes, corridors and occurrences, bottom to top.
"""
import math
import sys

# Clairmarais, in the middle of the Marais audomarois (WGS 84)
CENTRE_LON, CENTRE_LAT = 2.295, 50.775
ORIGIN = 20037508.3427892
MAP_LAYERS = ["obs:habitats", "obs:communes", "obs:corridors", "sinp:occurrences"]
# (Lambert-93 centre, scale denominator) of the 1024x768 maps: the whole marsh down to a few fields
# (smaller scales draw most of the million occurrences and their blurred polygons: minutes a map, see RESULTS.md)
MAPS = [((652000, 7071000), 25000), ((653500, 7072500), 4000)]


def tiles(zooms=range(10, 17)):
    """(z, x, y) of tiles around the centre at each zoom: blocks of 2x2 at z10-11 and 3x3 at z12-16."""
    result = []
    for z in zooms:
        n = 2 ** z
        fx = (CENTRE_LON + 180) / 360 * n
        lat = math.radians(CENTRE_LAT)
        fy = (1 - math.log(math.tan(lat) + 1 / math.cos(lat)) / math.pi) / 2 * n
        size = 2 if z < 12 else 3
        x0, y0 = round(fx - size / 2), round(fy - size / 2)
        result += [(z, x, y) for y in range(y0, y0 + size) for x in range(x0, x0 + size)]
    return result


def tile_bbox(z, x, y):
    span = 2 * ORIGIN / 2 ** z
    return (-ORIGIN + x * span, ORIGIN - (y + 1) * span, -ORIGIN + (x + 1) * span, ORIGIN - y * span)


def map_bbox(centre, scale):
    """The Lambert-93 box of a 1024x768 map at a scale denominator (0.28 mm pixels) around a centre."""
    (cx, cy), half_w, half_h = centre, 1024 * 0.00028 * scale / 2, 768 * 0.00028 * scale / 2
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def getmap(base, target, layers, crs, bbox, width, height, transparent):
    names = layers if target == "ours" else [name.split(":")[1] for name in layers]
    path = {"ours": "/wms", "mapserver": "/mapserv", "qgis": "/qgis"}[target]
    return (f"{base}{path}?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS={','.join(names)}&STYLES="
            f"&CRS={crs}&BBOX={','.join(f'{v:.3f}' for v in bbox)}&WIDTH={width}&HEIGHT={height}"
            f"&FORMAT=image/png&TRANSPARENT={'TRUE' if transparent else 'FALSE'}")


def main():
    command, base, rest = sys.argv[1], (sys.argv[2:] or [""])[0].rstrip("/"), sys.argv[3:]
    lines = []
    if command == "wms-tiles":
        zooms = [int(z) for z in rest[1:]] or range(12, 17, 2)
        lines = [getmap(base, rest[0], MAP_LAYERS, "EPSG:3857", tile_bbox(*t), 256, 256, True) for t in tiles(zooms)]
    elif command == "wms-maps":
        scales = [int(s) for s in rest[1:]]
        lines = [getmap(base, rest[0], MAP_LAYERS, "EPSG:2154", map_bbox(centre, scale), 1024, 768, False)
                 for centre, scale in MAPS if not scales or scale in scales]
        lines += [getmap(base, rest[0], MAP_LAYERS, "EPSG:2154", map_bbox(MAPS[0][0], scale), 1024, 768, False)
                  for scale in scales if scale not in [s for _, s in MAPS]]
    elif command == "habitat-maps":
        lines = [getmap(base, rest[0], ["obs:habitats"], "EPSG:2154", map_bbox(MAPS[0][0], scale), 1024, 768, False)
                 for scale in (25000, 100000)]
    elif command == "wmts-rest":
        lines = [f"{base}/wmts/1.0.0/{layer}/default/WebMercatorQuad/{z}/{y}/{x}.png"
                 for layer in rest for z, x, y in tiles()]
    elif command == "static":
        lines = [f"{base}/{layer.replace(':', '_')}/{z}/{x}/{y}.png" for layer in rest for z, x, y in tiles()]
    elif command == "tile-getmap":
        lines = [getmap(base, rest[0], [layer], "EPSG:3857", tile_bbox(*t), 256, 256, True)
                 for layer in rest[1:] for t in tiles()]
    elif command == "seed-boxes":
        for z in range(10, 17):
            block = [t for t in tiles() if t[0] == z]
            span = 2 * ORIGIN / 2 ** z
            x0, x1 = min(t[1] for t in block), max(t[1] for t in block)
            y0, y1 = min(t[2] for t in block), max(t[2] for t in block)
            west, east = -ORIGIN + (x0 + 0.01) * span, -ORIGIN + (x1 + 0.99) * span
            north, south = ORIGIN - (y0 + 0.01) * span, ORIGIN - (y1 + 0.99) * span
            lon = lambda x: x / ORIGIN * 180
            lat = lambda y: math.degrees(2 * math.atan(math.exp(y / ORIGIN * math.pi)) - math.pi / 2)
            lines.append(f"{z} {lon(west):.6f},{lat(south):.6f},{lon(east):.6f},{lat(north):.6f}")
    else:
        sys.exit(__doc__)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
