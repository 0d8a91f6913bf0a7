#!/usr/bin/python3
"""Writes the QGIS project QGIS Server reads in bench/wms-fair.sh: the bench's layers from the tables of what the public
sees (schema "fair", bench/fair/public-tables.sql), each styled by loading our SLD file (styles/*.sld) into QGIS, as
close as QGIS's SLD reader gets. Occurrences are two layers (blurred areas, exact points) in a group named
"occurrences", which QGIS Server serves under that one WMS name, with, beyond 1:50 000, a third: the public's
precomputed density cells, the level of each scale picked by rules (the same boundaries as bench/mapserver's
SCALETOKEN: the power of two nearest to 16 pixels, as our server picks it), coloured as styles/occurrences.sld.

    qgis_project.py OUTPUT.qgs STYLES_DIR    (the database from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD)
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsFillSymbol,  # noqa: E402
                       QgsProject, QgsRuleBasedRenderer, QgsVectorLayer)

# (WMS name, table, key, SLD file, group)
LAYERS = [("habitats", "habitats", "id", "habitats.sld", None),
          ("communes", "communes", "insee", "communes.sld", None),
          ("corridors", "corridors", "id", "corridors.sld", None),
          # in a group, the first layer is drawn on top: the exact points over the blurred areas, as our style does
          ("occurrence_points", "occurrence_points", "id", "occurrences.sld", "occurrences"),
          ("occurrence_areas", "occurrence_areas", "id", "occurrences.sld", "occurrences"),
          ("occurrence_density", "density_cells", "id", None, "occurrences")]
# the density classes of styles/occurrences.sld: (lowest count, highest count or None, fill colour)
DENSITY_CLASSES = [(1, 9, "242,240,247"), (10, 49, "203,201,226"), (50, 199, "158,154,200"), (200, 999, "117,107,177"),
                   (1000, None, "84,39,143")]


def density_renderer():
    """Rules per level of the grid (8 to 16), each within the scales where its side is the power of two nearest to
    16 pixels of 0.28 mm, beyond 1:50 000; within each, the style's count classes (fill 0.8, white 0.5 px outline 0.6)."""
    root = QgsRuleBasedRenderer.Rule(None)
    for level in range(8, 17):
        nearest_from, nearest_to = (2 ** (level + d) / 16 / 0.00028 for d in (-0.5, 0.5))
        # QGIS: maximumScale the most zoomed-in denominator, minimumScale the most zoomed-out (0: no limit)
        zoomed_out = 0 if level == 16 else round(nearest_to)
        rule = QgsRuleBasedRenderer.Rule(None, round(max(50000, nearest_from)), zoomed_out, f'"level" = {level}')
        for low, high, colour in DENSITY_CLASSES:
            symbol = QgsFillSymbol.createSimple({"color": colour + ",204", "outline_color": "255,255,255,153",
                                                 "outline_width": "0.5", "outline_width_unit": "Pixel"})
            rule.appendChild(QgsRuleBasedRenderer.Rule(
                symbol, 0, 0, f'"n" >= {low}' + ("" if high is None else f' AND "n" <= {high}')))
        root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def main():
    output, styles = sys.argv[1], sys.argv[2]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    root = project.layerTreeRoot()
    groups = {}
    for name, table, key, sld, group in LAYERS:
        uri = QgsDataSourceUri()
        uri.setConnection(os.environ["PGHOST"], os.environ["PGPORT"], os.environ["PGDATABASE"],
                          os.environ["PGUSER"], os.environ["PGPASSWORD"])
        uri.setDataSource("fair", table, "geom", "", key)
        uri.setSrid("2154")
        layer = QgsVectorLayer(uri.uri(False), name, "postgres")
        if not layer.isValid():
            sys.exit(f"layer {name} is not valid: {layer.error().summary()}")
        if sld is None:
            layer.setRenderer(density_renderer())
        else:
            message, ok = layer.loadSldStyle(os.path.join(styles, sld))
            if not ok:
                sys.exit(f"QGIS could not read {sld} for {name}: {message}")
        project.addMapLayer(layer, False)
        if group:
            if group not in groups:
                groups[group] = root.addGroup(group)
            groups[group].addLayer(layer)
        else:
            root.addLayer(layer)
    # WMS: every CRS the bench asks, the layers' extents computed from the data
    project.writeEntry("WMSCrsList", "/", ["EPSG:2154", "EPSG:3857", "EPSG:4326"])
    project.writeEntry("WMSServiceCapabilities", "/", True)
    if not project.write(output):
        sys.exit(f"could not write {output}")
    app.exitQgis()


if __name__ == "__main__":
    main()
