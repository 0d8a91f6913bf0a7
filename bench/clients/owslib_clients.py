"""OWSLib, a real client, against the server's WMS (1.3.0, 1.1.1), WFS (2.0.0, 1.1.0) and WMTS (1.0.0): every layer
listed, fetched and checked (images decoded, features counted against the database).
    usage: /usr/bin/python3 bench/clients/owslib_clients.py SERVER_URL"""
import io
import math

from lxml import etree
from owslib.wfs import WebFeatureService
from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService
from PIL import Image
from pyproj import Transformer

from common import Checks, anonymous_counts, drawn_pixels, server_url

URL = server_url()
COUNTS = anonymous_counts()
checks = Checks("OWSLib")
TIMEOUT = 300  # seconds: a whole-extent map of 100 000 occurrences takes ~20 s on a loaded 2-core machine
WFS_NS = {"wfs": "http://www.opengis.net/wfs/2.0", "wfs11": "http://www.opengis.net/wfs",
          "gml": "http://www.opengis.net/gml", "gml32": "http://www.opengis.net/gml/3.2"}


def wms(version):
    service = WebMapService(URL + "/wms", version=version, timeout=TIMEOUT)
    checks.check("WMS %s lists the catalog's layers" % version, sorted(service.contents) == sorted(COUNTS),
                 sorted(service.contents))
    for name in service.contents:
        checks.run("WMS %s GetMap %s" % (version, name), wms_map, service, version, name)


def wms_map(service, version, name):
    layer = service[name]
    if version == "1.3.0":  # the layer's own Lambert-93 box
        crs, bbox = "EPSG:2154", layer.boundingBox[:4]
    else:  # 1.1.1: SRS EPSG:4326 in longitude, latitude order
        crs, bbox = "EPSG:4326", layer.boundingBoxWGS84
    width = 512
    height = max(1, round(width * (bbox[3] - bbox[1]) / (bbox[2] - bbox[0])))
    style = next(iter(layer.styles))
    image = service.getmap(layers=[name], styles=[style], srs=crs, bbox=bbox, size=(width, height),
                           format="image/png", transparent=True).read()
    decoded = Image.open(io.BytesIO(image))
    checks.check("WMS %s GetMap %s is a %dx%d PNG" % (version, name, width, height),
                 decoded.format == "PNG" and decoded.size == (width, height), (decoded.format, decoded.size))
    if COUNTS[name] > 0:
        checks.check("WMS %s GetMap %s draws its %d features" % (version, name, COUNTS[name]), drawn_pixels(image) > 0)


def wfs(version):
    service = WebFeatureService(URL + "/wfs", version=version, timeout=TIMEOUT)
    checks.check("WFS %s lists the catalog's feature types" % version, sorted(service.contents) == sorted(COUNTS),
                 sorted(service.contents))
    for name in service.contents:
        checks.run("WFS %s GetFeature %s" % (version, name), wfs_features, service, version, name)


def wfs_features(service, version, name):
    expected = COUNTS[name]
    count = min(expected, 500)
    root = etree.parse(service.getfeature(typename=[name], maxfeatures=count)).getroot()
    if version == "2.0.0":
        members = root.findall("wfs:member", WFS_NS)
        matched = root.get("numberMatched")
    else:
        members = root.findall("gml:featureMember", WFS_NS) + [
            m for ms in root.findall("gml:featureMembers", WFS_NS) for m in ms]
        matched = root.get("numberOfFeatures")
    checks.check("WFS %s %s: %d features of the %d asked" % (version, name, len(members), count),
                 len(members) == count, len(members))
    if version == "2.0.0":  # 1.1.0's numberOfFeatures counts the features returned
        checks.check("WFS %s %s: numberMatched is the database's %d" % (version, name, expected),
                     matched == str(expected), matched)
    prefix = name.split(":")[1] + "."
    ids = [(m[0] if len(m) else m).get("{%s}id" % (WFS_NS["gml32"] if version == "2.0.0" else WFS_NS["gml"]))
           for m in members]
    checks.check("WFS %s %s: distinct feature ids %s*" % (version, name, prefix),
                 all(i and i.startswith(prefix) for i in ids) and len(set(ids)) == len(ids), ids[:3])


def wmts():
    service = WebMapTileService(URL + "/wmts", timeout=TIMEOUT)
    checks.check("WMTS lists the catalog's layers", sorted(service.contents) == sorted(COUNTS), sorted(service.contents))
    for matrix_set in ("WebMercatorQuad", "Lambert93Quad"):
        checks.check("WMTS offers %s" % matrix_set, matrix_set in service.tilematrixsets)
        for name in service.contents:
            checks.run("WMTS GetTile %s %s" % (name, matrix_set), wmts_tiles, service, name, matrix_set)


def covering_tiles(matrix_set, wgs84_box):
    """The tile matrix and the tiles covering a WGS 84 box at the deepest level where it spans at most 2x2 tiles."""
    crs = matrix_set.crs.split("/")[-1].split(":")[-1]
    to_crs = Transformer.from_crs("EPSG:4326", "EPSG:" + crs, always_xy=True)
    xs, ys = to_crs.transform([wgs84_box[0], wgs84_box[2], wgs84_box[0], wgs84_box[2]],
                              [wgs84_box[1], wgs84_box[1], wgs84_box[3], wgs84_box[3]])
    chosen = None
    for matrix in sorted(matrix_set.tilematrix.values(), key=lambda m: -m.scaledenominator):
        span = matrix.scaledenominator * 0.00028 * matrix.tilewidth  # metres: both sets are metric
        left, top = matrix.topleftcorner
        cols = range(math.floor((min(xs) - left) / span), math.floor((max(xs) - left) / span) + 1)
        rows = range(math.floor((top - max(ys)) / span), math.floor((top - min(ys)) / span) + 1)
        if len(cols) * len(rows) > 4:
            break
        chosen = matrix, [(r, c) for r in rows for c in cols]
    return chosen


def wmts_tiles(service, name, matrix_set_id):
    layer = service[name]
    checks.check("WMTS %s links %s" % (name, matrix_set_id), matrix_set_id in layer.tilematrixsetlinks)
    matrix, tiles = covering_tiles(service.tilematrixsets[matrix_set_id], layer.boundingBoxWGS84)
    drawn = 0
    for row, col in tiles:
        tile = service.gettile(layer=name, tilematrixset=matrix_set_id, tilematrix=matrix.identifier, row=row,
                               column=col, format="image/png").read()
        decoded = Image.open(io.BytesIO(tile))
        checks.check("WMTS %s %s %s/%d/%d is a 256x256 PNG" % (name, matrix_set_id, matrix.identifier, row, col),
                     decoded.format == "PNG" and decoded.size == (256, 256), (decoded.format, decoded.size))
        drawn += drawn_pixels(tile)
    if COUNTS[name] > 0:
        checks.check("WMTS %s %s level %s: the %d tiles over the layer draw it" % (
            name, matrix_set_id, matrix.identifier, len(tiles)), drawn > 0)


for v in ("1.3.0", "1.1.1"):
    checks.run("WMS %s GetCapabilities" % v, wms, v)
for v in ("2.0.0", "1.1.0"):
    checks.run("WFS %s GetCapabilities" % v, wfs, v)
checks.run("WMTS GetCapabilities", wmts)
checks.finish()
