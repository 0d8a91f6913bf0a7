"""GDAL's command-line tools, real clients, against the server: ogr2ogr copies sinp:occurrences from the WFS (paging)
into a GeoPackage, checked feature by feature against the database and the WFS's GeoJSON; ogrinfo lists every feature
type; OGR opens the WFS's own GeoPackage and zipped Shapefile answers; gdal_translate fetches every WMS layer; gdalinfo and gdal_translate open every WMTS layer in WebMercatorQuad
and Lambert93Quad; the CSW driver harvests the catalogue 5 records a page.
    usage: /usr/bin/python3 bench/clients/gdal_clients.py SERVER_URL"""
import datetime
import json
import os
import re
import urllib.request

from osgeo import gdal, ogr

from common import (Checks, anonymous_counts, catalog_layers, check_ogrinfo_counts, drawn_pixels, psql, run,
                    server_url, work_dir)

URL = server_url()
COUNTS = anonymous_counts()
checks = Checks("GDAL")
WORK = work_dir("gdal")
OCCURRENCES = "sinp:occurrences"
ogr.UseExceptions()
# every image from the server, not from GDAL's own WMS/WMTS disk cache (by default ./gdalwmscache, kept across runs)
os.environ["GDAL_ENABLE_WMS_CACHE"] = "NO"
os.environ["GDAL_DEFAULT_WMS_CACHE_PATH"] = os.path.join(WORK, "gdalwmscache")


def fetch_json(query):
    with urllib.request.urlopen(URL + "/wfs?" + query, timeout=300) as response:
        return json.load(response)


def ogr2ogr_occurrences():
    gpkg = os.path.join(WORK, "occurrences.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)  # ogr2ogr would refuse to overwrite a previous run's copy
    # pages of 10 000: the server caps one GetFeature at 50 000 (CountDefault), so a complete copy proves paging
    run("ogr2ogr", "-f", "GPKG", gpkg, "WFS:%s/wfs?version=2.0.0" % URL, OCCURRENCES, "-nln", "occurrences",
        "--config", "OGR_WFS_PAGING_ALLOWED", "ON", "--config", "OGR_WFS_PAGE_SIZE", "10000")
    layer_source = ogr.Open(gpkg)
    layer = layer_source.GetLayer("occurrences")
    hits = fetch_json("service=WFS&version=2.0.0&request=GetFeature&typeNames=%s&resultType=hits"
                      "&outputFormat=application/json" % OCCURRENCES)["numberMatched"]
    copied = layer.GetFeatureCount()
    checks.check("ogr2ogr copied %d features, the WFS's hits %d" % (copied, hits), copied == hits)
    checks.check("ogr2ogr copied %d features, what anonymous may see in the database: %d" % (copied, COUNTS[OCCURRENCES]),
                 copied == COUNTS[OCCURRENCES])
    visible = set("occurrences." + i for i in psql(
        "SELECT string_agg(id_sinp_occtax::text, ' ') FROM sinp.occurrence_layer WHERE diffusion_level < 4").split())
    copied_ids = [f.GetField("gml_id") for f in layer]
    checks.check("ogr2ogr copied every visible occurrence exactly once (ids against the database)",
                 len(copied_ids) == len(set(copied_ids)) and set(copied_ids) == visible,
                 "%d copied, %d distinct, %d missing, %d extra" % (len(copied_ids), len(set(copied_ids)),
                                                                   len(visible - set(copied_ids)),
                                                                   len(set(copied_ids) - visible)))
    compared = 0  # features equal to the WFS's
    for start in (0, hits // 2, hits - 200):
        page = fetch_json("service=WFS&version=2.0.0&request=GetFeature&typeNames=%s&count=200"
                          "&startIndex=%d&outputFormat=application/json" % (OCCURRENCES, start))
        for feature in page["features"]:
            compared += compare_feature(layer, feature)
    checks.check("ogr2ogr: %d sampled features equal to the WFS GeoJSON, every attribute and geometry" % compared,
                 compared == 600)


def compare_feature(layer, feature):
    """1 when the GeoPackage row of this GeoJSON feature has the same attributes and geometry, else 0 (reported)."""
    layer.SetAttributeFilter("gml_id = '%s'" % feature["id"])
    rows = list(layer)
    layer.SetAttributeFilter(None)
    if len(rows) != 1:
        return checks.check("GeoPackage has %s once" % feature["id"], False, len(rows))
    row = rows[0]
    differences = []
    for name, expected in feature["properties"].items():
        index = row.GetFieldIndex(name)
        if index < 0:
            differences.append("no field %s" % name)
            continue
        actual = field_value(row, index)
        if actual != normalised(expected, row.GetFieldDefnRef(index).GetType()):
            differences.append("%s: %r != %r" % (name, actual, expected))
    mine = row.GetGeometryRef()
    theirs = ogr.CreateGeometryFromJson(json.dumps(feature["geometry"]))
    # the same type, and each within a centimetre of the other (the GML and the GeoJSON both print full precision)
    if not (mine is not None and mine.GetGeometryType() == theirs.GetGeometryType()
            and mine.Buffer(0.01).Contains(theirs) and theirs.Buffer(0.01).Contains(mine)):
        differences.append("geometry %s != %s" % (mine and mine.ExportToWkt()[:80], theirs.ExportToWkt()[:80]))
    return checks.check("GeoPackage %s equals the WFS's GeoJSON" % feature["id"], not differences, differences)


def field_value(row, index):
    if not row.IsFieldSetAndNotNull(index):
        return None
    kind = row.GetFieldDefnRef(index).GetType()
    if kind in (ogr.OFTDate, ogr.OFTDateTime):
        y, mo, d, h, mi, s, tz = row.GetFieldAsDateTime(index)
        return (y, mo, d) if kind == ogr.OFTDate else (y, mo, d, h, mi, round(s, 3))
    if kind in (ogr.OFTInteger, ogr.OFTInteger64):
        return row.GetFieldAsInteger64(index)
    if kind == ogr.OFTReal:
        return row.GetFieldAsDouble(index)
    return row.GetFieldAsString(index)


def normalised(value, kind):
    """A GeoJSON property as field_value gives the GeoPackage field of that type."""
    if value is None:
        return None
    if kind == ogr.OFTDate:
        return tuple(int(p) for p in value[:10].split("-"))
    if kind == ogr.OFTDateTime:
        t = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if t.tzinfo:
            t = t.astimezone(datetime.timezone.utc)
        return (t.year, t.month, t.day, t.hour, t.minute, round(t.second + t.microsecond / 1e6, 3))
    if kind == ogr.OFTReal:
        return float(value)
    if kind in (ogr.OFTInteger, ogr.OFTInteger64):
        return int(value)
    return str(value)


def file_outputs():
    """GetFeature as a GeoPackage and as zipped Shapefiles, opened by OGR: the same occurrences as the GeoJSON page of
    the same request (ids, geometries within a centimetre), in Lambert-93, the observer left out for the public."""
    query = ("service=WFS&version=2.0.0&request=GetFeature&typeNames=%s&count=2000&srsName=EPSG:2154"
             % OCCURRENCES)
    page = {f["properties"]["id_sinp_occtax"]: f for f in fetch_json(query + "&outputFormat=application/json")["features"]}
    for output, extension, id_field in (("application/geopackage%2Bsqlite3", "gpkg", "id_sinp_occtax"),
                                        ("SHAPE-ZIP", "zip", "id_sinp_oc")):
        path = os.path.join(WORK, "occurrences." + extension)
        urllib.request.urlretrieve(URL + "/wfs?" + query + "&outputFormat=" + output, path)
        source = ogr.Open(("/vsizip/" if extension == "zip" else "") + path)
        seen = {}
        epsg = set()
        fields = set()
        for layer in source:
            epsg.add(layer.GetSpatialRef().GetAuthorityCode(None) if layer.GetSpatialRef() else None)
            definition = layer.GetLayerDefn()
            fields |= {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
            for row in layer:
                seen[row.GetField(id_field)] = row.GetGeometryRef().Clone()
        checks.check("%s: the GeoJSON page's %d occurrences, in EPSG:2154" % (extension, len(page)),
                     set(seen) == set(page) and epsg == {"2154"}, (len(seen), epsg))
        checks.check("%s: no observer for the public" % extension,
                     not any(f.lower().startswith("observ") for f in fields), sorted(fields))
        different = [i for i, mine in seen.items() if i in page and not same_geometry(mine, page[i]["geometry"])]
        checks.check("%s: every geometry equal to the GeoJSON's" % extension, not different, different[:3])


def same_geometry(mine, geojson):
    theirs = ogr.CreateGeometryFromJson(json.dumps(geojson))
    return mine.Buffer(0.01).Contains(theirs) and theirs.Buffer(0.01).Contains(mine)


def ogrinfo_layers():
    check_ogrinfo_counts(checks, "WFS:%s/wfs?version=2.0.0" % URL, COUNTS, "WFS")


def wms_layers():
    listing = run("gdalinfo", "WMS:%s/wms" % URL)
    datasets = re.findall(r"SUBDATASET_\d+_NAME=(WMS:\S+)", listing)
    layers = {urllib.parse.unquote(re.search(r"LAYERS=([^&]+)", d).group(1)): d for d in datasets}
    checks.check("gdalinfo WMS: lists every layer", sorted(layers) == sorted(COUNTS), sorted(layers))
    for name, dataset in layers.items():
        checks.run("gdal_translate WMS %s" % name, translated, name, dataset, "WMS")


def translated(name, dataset, service):
    png = os.path.join(WORK, "%s-%s.png" % (service, re.sub(r"\W", "_", dataset[-60:])))
    run("gdal_translate", "-q", "-of", "PNG", "-outsize", "512", "0", dataset, png)
    with open(png, "rb") as f:
        image = f.read()
    if COUNTS[name] > 0:
        checks.check("gdal_translate %s %s draws the layer" % (service, dataset[-70:]), drawn_pixels(image) > 0)


def wmts_layers():
    capabilities = "%s/wmts/1.0.0/WMTSCapabilities.xml" % URL
    for matrix_set, epsg in (("WebMercatorQuad", 3857), ("Lambert93Quad", 2154)):
        for name in sorted(COUNTS):
            dataset = "WMTS:%s,layer=%s,tilematrixset=%s" % (capabilities, name, matrix_set)
            checks.run("gdalinfo %s" % dataset, wmts_layer, name, dataset, epsg)


def wmts_layer(name, dataset, epsg):
    info = json.loads(run("gdalinfo", "-json", dataset))
    wkt = info["coordinateSystem"]["wkt"]
    checks.check("gdalinfo %s: EPSG:%d, RGBA" % (dataset[-50:], epsg),
                 wkt.rstrip().endswith('ID["EPSG",%d]]' % epsg) and len(info["bands"]) == 4
                 and info["size"][0] > 0 and info["size"][1] > 0, (wkt[-30:], len(info["bands"]), info["size"]))
    translated(name, dataset, "WMTS")


def csw_records():
    source = gdal.OpenEx("CSW:%s/csw" % URL, gdal.OF_VECTOR, open_options=["MAX_RECORDS=5"])
    records = {f.GetField("identifier"): f for f in source.GetLayer(0)}
    layers = {layer["metadata"]["identifier"]: name for name, layer in catalog_layers().items()}
    checks.check("CSW: every layer's record and the 3 services'", set(layers) <= set(records) and len(records)
                 == len(layers) + 3, sorted(records))
    for identifier, name in layers.items():
        record = records.get(identifier)
        box = record.GetGeometryRef().GetEnvelope() if record and record.GetGeometryRef() else None
        checks.check("CSW %s: a dataset record in the Audomarois (lon, lat)" % name, record is not None
                     and record.GetField("type") == "dataset" and box is not None and 1.0 < box[0] <= box[1] < 3.5
                     and 50.0 < box[2] <= box[3] < 51.5, box)


checks.run("ogr2ogr %s" % OCCURRENCES, ogr2ogr_occurrences)
checks.run("ogrinfo WFS", ogrinfo_layers)
checks.run("WFS GeoPackage and SHAPE-ZIP", file_outputs)
checks.run("gdal WMS", wms_layers)
checks.run("gdal WMTS", wmts_layers)
checks.run("gdal CSW", csw_records)
checks.finish()
