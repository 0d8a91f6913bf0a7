"""QGIS (python3-qgis, headless), a real client, against the server: every WMS layer as a raster layer and every
WMTS layer in WebMercatorQuad and Lambert93Quad, rendered by QgsMapRendererSequentialJob; every WFS layer as a
vector layer of the "WFS" provider, its features counted against the database; an OGC API - Features collection
and a filtered one through the "OAPIF" provider.
    usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/clients/qgis_clients.py SERVER_URL"""
import os
import urllib.parse
import urllib.request

from lxml import etree

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsErrorMessage, QgsFeatureRequest,
                       QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRasterLayer, QgsRectangle,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from common import Checks, anonymous_counts, drawn_pixels, psql, server_url, work_dir

URL = server_url()
COUNTS = anonymous_counts()
checks = Checks("QGIS")
WORK = work_dir("qgis")


def why_invalid(layer):
    """QGIS's message for a layer that did not load (QgsError.summary() crashes QGIS 3.22 on a valid layer)."""
    return "" if layer.isValid() else layer.error().message(QgsErrorMessage.Text)


def render(layer, crs, extent):
    """Draws the layer alone, 512 pixels wide, on a transparent background; the encoded PNG."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(512, max(1, round(512 * extent.height() / extent.width()))))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    for error in job.errors():
        checks.check("QGIS renders %s" % layer.name(), False, error.message)
    path = os.path.join(WORK, "%s.png" % layer.name().replace(":", "_"))
    job.renderedImage().save(path, "PNG")
    with open(path, "rb") as f:
        return f.read()


def wms(name):
    uri = "crs=EPSG:2154&dpiMode=7&format=image/png&layers=%s&styles=&url=%s/wms" % (name, URL)
    layer = QgsRasterLayer(uri, "wms " + name, "wms")
    if not checks.check("WMS %s is a valid QGIS raster layer" % name, layer.isValid(), why_invalid(layer)):
        return
    checks.check("WMS %s extent from the capabilities" % name, not layer.extent().isEmpty(), layer.extent().toString())
    image = render(layer, layer.crs(), layer.extent())
    if COUNTS[name] > 0:
        checks.check("WMS %s rendered by QGIS shows its features" % name, drawn_pixels(image) > 0)


def wfs(name):
    uri = "pagingEnabled='true' srsname='EPSG:2154' typename='%s' url='%s/wfs' version='2.0.0'" % (name, URL)
    layer = QgsVectorLayer(uri, "wfs " + name, "WFS")
    if not checks.check("WFS %s is a valid QGIS vector layer" % name, layer.isValid(), why_invalid(layer)):
        return
    checks.check("WFS %s provider is WFS" % name, layer.providerType() == "WFS", layer.providerType())
    checks.check("WFS %s has attribute fields" % name, layer.fields().count() > 0)
    checks.check("WFS %s featureCount is the database's %d" % (name, COUNTS[name]),
                 layer.featureCount() == COUNTS[name], layer.featureCount())
    features = list(layer.getFeatures(QgsFeatureRequest().setLimit(20)))
    checks.check("WFS %s features read with geometries and attributes" % name,
                 len(features) == min(20, COUNTS[name]) and all(
                     f.hasGeometry() and not f.geometry().isEmpty() and any(a is not None for a in f.attributes())
                     for f in features), len(features))


def oapif(name, subset, expected):
    layer = QgsVectorLayer("url='%s/ogcapi' typename='%s'" % (URL, name), "oapif " + name, "OAPIF")
    if not checks.check("OAPIF %s is a valid QGIS vector layer" % name, layer.isValid(), why_invalid(layer)):
        return
    if subset:
        checks.check("OAPIF %s takes the filter %s" % (name, subset), layer.setSubsetString(subset))
    features = list(layer.getFeatures())
    checks.check("OAPIF %s%s: %d features read with geometries, the database's %d"
                 % (name, " filtered" if subset else "", len(features), expected),
                 len(features) == expected and all(f.hasGeometry() for f in features))


def wmts(name, matrix_set, epsg):
    capabilities = "%s/wmts?SERVICE=WMTS&REQUEST=GetCapabilities" % URL
    uri = "crs=EPSG:%d&dpiMode=7&format=image/png&layers=%s&styles=%s&tileMatrixSet=%s&url=%s" % (
        epsg, name, STYLES[name], matrix_set, urllib.parse.quote(capabilities, safe=":/"))
    layer = QgsRasterLayer(uri, "wmts %s %s" % (name, matrix_set), "wms")
    if not checks.check("WMTS %s %s is a valid QGIS raster layer" % (name, matrix_set), layer.isValid(),
                        why_invalid(layer)):
        return
    crs = QgsCoordinateReferenceSystem("EPSG:%d" % epsg)
    box = QgsRectangle(*BOXES[name])
    extent = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), crs,
                                    QgsProject.instance()).transformBoundingBox(box)
    checks.check("WMTS %s %s has an extent" % (name, matrix_set), not layer.extent().isEmpty())
    image = render(layer, crs, extent)
    if COUNTS[name] > 0:
        checks.check("WMTS %s %s rendered by QGIS shows its features" % (name, matrix_set), drawn_pixels(image) > 0)


def default_styles():
    """Layer -> its default style in the WMTS capabilities, the one QGIS's browser picks when a user adds the layer."""
    with urllib.request.urlopen(URL + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities", timeout=300) as response:
        root = etree.parse(response).getroot()
    ns = {"wmts": "http://www.opengis.net/wmts/1.0", "ows": "http://www.opengis.net/ows/1.1"}
    return {layer.findtext("ows:Identifier", namespaces=ns):
            layer.findtext("wmts:Style[@isDefault='true']/ows:Identifier", namespaces=ns)
            for layer in root.iterfind("wmts:Contents/wmts:Layer", ns)}


# a profile of its own: QGIS's network disk cache must not answer for the server on the next run
app = QgsApplication([], False, os.path.join(WORK, "profile"))
app.initQgis()
names = sorted(COUNTS)
BOXES = {}  # WGS 84 boxes (longitude, latitude) of the layers, as QGIS reads them from the WMS capabilities
STYLES = default_styles()
for n in names:
    checks.run("WMS %s" % n, wms, n)
    layer = QgsRasterLayer("crs=EPSG:4326&format=image/png&layers=%s&styles=&url=%s/wms" % (n, URL), "box", "wms")
    if layer.isValid():
        e = layer.extent()  # EPSG:4326 as QGIS holds it: x longitude, y latitude
        BOXES[n] = (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())
for n in names:
    checks.run("WFS %s" % n, wfs, n)
checks.run("OAPIF obs:communes", oapif, "obs:communes", None, COUNTS["obs:communes"])
checks.run("OAPIF obs:communes filtered", oapif, "obs:communes", "departement_code = '62'",
           int(psql("SELECT count(*) FROM territory.commune WHERE departement_code = '62'")))
for matrix, code in (("WebMercatorQuad", 3857), ("Lambert93Quad", 2154)):
    for n in names:
        checks.run("WMTS %s %s" % (n, matrix), wmts, n, matrix, code)
app.exitQgis()
checks.finish()
