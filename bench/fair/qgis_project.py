#!/usr/bin/python3
"""Writes the QGIS project QGIS Server reads in bench/wms-fair.sh: the bench's layers from the tables of what the public
sees (schema "fair", bench/fair/public-tables.sql), each styled by loading our SLD file (styles/*.sld) into QGIS, as
close as QGIS's SLD reader gets. Occurrences are two layers (blurred areas, exact points) in a group named
"occurrences", which QGIS Server serves under that one WMS name.

    qgis_project.py OUTPUT.qgs STYLES_DIR    (the database from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD)
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsProject,  # noqa: E402
                       QgsVectorLayer)

# (WMS name, table, key, SLD file, group)
LAYERS = [("habitats", "habitats", "id", "habitats.sld", None),
          ("communes", "communes", "insee", "communes.sld", None),
          ("corridors", "corridors", "id", "corridors.sld", None),
          # in a group, the first layer is drawn on top: the exact points over the blurred areas, as our style does
          ("occurrence_points", "occurrence_points", "id", "occurrences.sld", "occurrences"),
          ("occurrence_areas", "occurrence_areas", "id", "occurrences.sld", "occurrences")]


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
