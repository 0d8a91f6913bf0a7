"""OWSLib, a real client, harvesting the server's CSW 2.0.2 catalogue as a regional SDI would: every record paged
through with getrecords2, a PropertyIsLike constraint, every layer's ISO 19139 record read with getrecordbyid and
parsed by owslib.iso.MD_Metadata (identifier, title, extent, keywords, constraints), and the WMS capabilities'
MetadataURL of every layer followed to that record.
    usage: /usr/bin/python3 bench/clients/owslib_csw.py SERVER_URL"""
import warnings
from urllib.request import urlopen

from lxml import etree
from owslib import fes
from owslib.csw import CatalogueServiceWeb
from owslib.iso import MD_Metadata
from owslib.wms import WebMapService

from common import Checks, catalog_layers, server_url

warnings.simplefilter("ignore", FutureWarning)  # OWSLib's notices of its own API changes
URL = server_url()
LAYERS = catalog_layers()
SERVICES = ("WMS", "WMTS", "WFS")
GMD = "http://www.isotc211.org/2005/gmd"
checks = Checks("OWSLib CSW")
TIMEOUT = 120


def harvest():
    csw = CatalogueServiceWeb(URL + "/csw", timeout=TIMEOUT)
    checks.check("CSW identifies itself as CSW 2.0.2", csw.identification.type == "CSW"
                 and csw.version == "2.0.2", (csw.identification.type, csw.version))
    checks.check("CSW offers GetRecords and GetRecordById", {"GetRecords", "GetRecordById"}
                 <= {op.name for op in csw.operations})
    records, start, pages = {}, 1, 0
    while start:
        csw.getrecords2(esn="full", startposition=start, maxrecords=5)
        pages += 1
        for identifier, record in csw.records.items():
            checks.check("record %s is harvested once" % identifier, identifier not in records)
            records[identifier] = record
        start = csw.results["nextrecord"]
        if pages > 10:
            break
    expected = {layer["metadata"]["identifier"]: layer["title"] for layer in LAYERS.values()}
    checks.check("every layer's record is harvested, with its title, in %d pages" % pages,
                 {i: records[i].title for i in expected if i in records} == expected, sorted(records))
    services = [r for r in records.values() if r.type == "service"]
    checks.check("the %d services have their records" % len(SERVICES), len(services) == len(SERVICES),
                 [r.title for r in services])
    checks.check("numberOfRecordsMatched counts them all", csw.results["matches"] == len(records) == len(LAYERS)
                 + len(SERVICES), csw.results)

    like = fes.PropertyIsLike("csw:AnyText", "%Ramsar%")
    csw.getrecords2(constraints=[like], esn="brief", maxrecords=50)
    ramsar = LAYERS["obs:ramsar_site"]["metadata"]["identifier"]
    checks.check("a PropertyIsLike constraint on AnyText finds the Ramsar site", ramsar in csw.records,
                 sorted(csw.records))
    checks.check("... and not the layers that do not mention it",
                 LAYERS["obs:obstacles"]["metadata"]["identifier"] not in csw.records, sorted(csw.records))

    for name, layer in LAYERS.items():
        checks.run("ISO record of %s" % name, iso_record, csw, name, layer)


def iso_record(csw, name, layer):
    identifier = layer["metadata"]["identifier"]
    csw.getrecordbyid(id=[identifier], outputschema=GMD)
    record = csw.records.get(identifier)
    checks.check("%s: getrecordbyid gives an ISO record" % name, isinstance(record, MD_Metadata), type(record))
    ident = record.identificationinfo[0]
    checks.check("%s: title and identifier" % name, ident.title == layer["title"] and record.identifier == identifier,
                 (ident.title, record.identifier))
    box = ident.bbox
    checks.check("%s: a WGS 84 extent in the Audomarois" % name, box is not None and 1.0 < float(box.minx) <= float(
        box.maxx) < 3.5 and 50.0 < float(box.miny) <= float(box.maxy) < 51.5, box and (box.minx, box.maxy))
    keywords = [k for group in ident.keywords for k in group["keywords"]]
    checks.check("%s: its keywords" % name, set(layer.get("keywords", [])) <= set(keywords), keywords)
    checks.check("%s: licence and access constraints" % name, any("Etalab" in c for c in ident.otherconstraints),
                 ident.otherconstraints)
    protocols = {o.protocol for o in record.distribution.online}
    checks.check("%s: links to the WMS, WFS and WMTS" % name, {"OGC:WMS", "OGC:WFS", "OGC:WMTS"} <= protocols,
                 protocols)


def metadata_urls():
    wms = WebMapService(URL + "/wms", version="1.3.0", timeout=TIMEOUT)
    for name in wms.contents:
        urls = [m for m in wms[name].metadataUrls if m["format"] == "text/xml"]
        checks.check("WMS %s has an ISO MetadataURL" % name, len(urls) == 1 and urls[0]["type"] == "ISO19115:2003",
                     wms[name].metadataUrls)
        with urlopen(urls[0]["url"], timeout=TIMEOUT) as answer:
            document = etree.fromstring(answer.read())
        md = document.find("{%s}MD_Metadata" % GMD)
        record = MD_Metadata(md) if md is not None else None
        checks.check("WMS %s's MetadataURL gives its record" % name, record is not None
                     and record.identifier == LAYERS[name]["metadata"]["identifier"], urls[0]["url"])


checks.run("CSW harvest", harvest)
checks.run("WMS MetadataURL", metadata_urls)
checks.finish()
