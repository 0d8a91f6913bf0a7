"""OGC API - Features real clients against the server: GDAL's OAPIF driver lists every collection with its feature
count and copies sinp:occurrences completely with ogr2ogr (ids checked against the database), and reads a CQL2
filtered layer; OWSLib's owslib.ogcapi.features.Features reads the landing page, the conformance, the collections and
queryables, pages through a layer with its next links and runs a CQL2 filter.
    usage: /usr/bin/python3 bench/clients/ogcapi_clients.py SERVER_URL [OUTPUT_DIR]"""
import json
import os
import urllib.parse
import urllib.request

from osgeo import ogr
from owslib.ogcapi.features import Features

from common import Checks, anonymous_counts, check_ogrinfo_counts, psql, run, server_url, work_dir

URL = server_url()
API = URL + "/ogcapi"
COUNTS = anonymous_counts()
checks = Checks("OGCAPI")
WORK = work_dir("ogcapi")
OCCURRENCES = "sinp:occurrences"
ogr.UseExceptions()


def visible_occurrences():
    return set(psql("SELECT string_agg(id_sinp_occtax::text, ' ') FROM sinp.occurrence_layer"
                    " WHERE diffusion_level < 4").split())


def gdal_lists_collections():
    check_ogrinfo_counts(checks, "OAPIF:" + API, COUNTS, "OAPIF")


def gdal_copies_occurrences():
    gpkg = os.path.join(WORK, "occurrences-oapif.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    # pages of 10 000 (the server's maximum limit), so a complete copy follows the next links
    run("ogr2ogr", "-f", "GPKG", gpkg, "OAPIF:" + API, OCCURRENCES, "-nln", "occurrences", "-oo", "PAGE_SIZE=10000")
    copy = ogr.Open(gpkg)  # kept: its layer lives only as long as the dataset
    layer = copy.GetLayer("occurrences")
    ids = [f.GetField("id") for f in layer]
    visible = visible_occurrences()
    checks.check("ogr2ogr OAPIF copied every visible occurrence exactly once (ids against the database)",
                 len(ids) == len(set(ids)) == COUNTS[OCCURRENCES] and set(ids) == visible,
                 "%d copied, %d distinct, %d missing, %d extra" % (len(ids), len(set(ids)), len(visible - set(ids)),
                                                                   len(set(ids) - visible)))
    layer.ResetReading()
    feature = layer.GetNextFeature()
    checks.check("ogr2ogr OAPIF: geometries in CRS84 around Saint-Omer",
                 feature.GetGeometryRef() is not None and 1.5 < feature.GetGeometryRef().Centroid().GetX() < 3.0)


def gdal_reads_a_filtered_layer():
    # GDAL turns an attribute filter into a CQL2 filter (or a property filter) the server applies
    source = ogr.Open("OAPIF:" + API)  # kept: its layer lives only as long as the dataset
    layer = source.GetLayerByName("obs:communes")
    expected = int(psql("SELECT count(*) FROM territory.commune WHERE departement_code = '62'"))
    layer.SetAttributeFilter("departement_code = '62'")
    found = [f.GetField("insee") for f in layer]
    checks.check("GDAL OAPIF attribute filter on obs:communes: %d communes of the Pas-de-Calais, the database's %d"
                 % (len(found), expected), len(found) == expected > 0 and all(c.startswith("62") for c in found))


def owslib_reads_and_pages():
    api = Features(API)
    landing = api.links
    checks.check("OWSLib reads the landing page's links", any(l.get("rel") == "service-desc" for l in landing))
    conformance = api.conformance()["conformsTo"]
    checks.check("OWSLib reads the conformance (%d classes)" % len(conformance),
                 "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conformance)
    collections = [c["id"] for c in api.collections()["collections"]]
    checks.check("OWSLib lists every collection", sorted(collections) == sorted(COUNTS), collections)
    queryables = api.collection_queryables(OCCURRENCES)
    checks.check("OWSLib reads the queryables of %s" % OCCURRENCES, "cd_nom" in queryables["properties"]
                 and "observateur" not in queryables["properties"])
    seen = set()
    offset = 0
    matched = None
    while True:
        page = api.collection_items(OCCURRENCES, limit=10000, offset=offset)
        matched = page.get("numberMatched", matched)
        seen.update(f["id"] for f in page["features"])
        offset += page["numberReturned"]
        if not any(l["rel"] == "next" for l in page["links"]):
            break
    checks.check("OWSLib pages through %s: %d features, numberMatched %s, the database's %d"
                 % (OCCURRENCES, len(seen), matched, COUNTS[OCCURRENCES]),
                 len(seen) == offset == COUNTS[OCCURRENCES] and seen == visible_occurrences())
    cd_nom = next(iter(api.collection_items(OCCURRENCES, limit=1)["features"]))["properties"]["cd_nom"]
    filtered = api.collection_items(OCCURRENCES, limit=10000, filter="cd_nom = %d AND date_debut >= DATE('2000-01-01')"
                                    % cd_nom)
    expected = int(psql("SELECT count(*) FROM sinp.occurrence_layer WHERE diffusion_level < 4 AND cd_nom = %d"
                        " AND date_debut >= DATE '2000-01-01'" % cd_nom))
    checks.check("OWSLib CQL2 filter on %s: %d features, the database's %d"
                 % (OCCURRENCES, filtered["numberReturned"], expected), filtered["numberReturned"] == expected)
    url = "%s/collections/%s/items?filter-lang=cql2-json&limit=10000&filter=%s" % (API, OCCURRENCES, urllib.parse.quote(
        json.dumps({"op": "=", "args": [{"property": "cd_nom"}, cd_nom]})))
    with urllib.request.urlopen(url, timeout=300) as response:
        as_json = json.load(response)
    checks.check("CQL2 JSON filter on cd_nom gives the CQL2 text's features and more dates",
                 as_json["numberReturned"] >= filtered["numberReturned"]
                 and {f["id"] for f in filtered["features"]} <= {f["id"] for f in as_json["features"]})


checks.run("GDAL OAPIF ogrinfo", gdal_lists_collections)
checks.run("GDAL OAPIF ogr2ogr %s" % OCCURRENCES, gdal_copies_occurrences)
checks.run("GDAL OAPIF attribute filter", gdal_reads_a_filtered_layer)
checks.run("OWSLib OGC API Features", owslib_reads_and_pages)
checks.finish()
