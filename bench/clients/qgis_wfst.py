"""QGIS (python3-qgis, headless) editing SINP occurrences through the WFS provider's transactions (WFS-T 2.0.0): as a
producer, it changes one of its occurrences, adds one and deletes one, commits, and the database shows exactly those
three changes, with the derived fields (cdRef, attachments) computed by the platform, not taken from QGIS; as a
partner, the same edits are refused and change nothing. The occurrences it touched are put back afterwards, so the
demo database stays as it was.
    usage: QT_QPA_PLATFORM=offscreen OBS_WFST_PASSWORD=... /usr/bin/python3 bench/clients/qgis_wfst.py SERVER_URL
    (accounts wfst-producteur, producer of the GON, and wfst-partenaire, partner, with that password:
    bench/real-clients.sh makes them)"""
import json
import os
import uuid

from qgis.core import (QgsApplication, QgsDataSourceUri, QgsErrorMessage, QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY,
                       QgsVectorDataProvider, QgsVectorLayer)

from common import Checks, psql, server_url, work_dir

URL = server_url()
PASSWORD = os.environ["OBS_WFST_PASSWORD"]
checks = Checks("QGIS WFS-T")

GON = psql("SELECT id FROM ref.organisation WHERE acronym = 'GON'")
DATASET = psql("SELECT uuid FROM ref.dataset WHERE producer_id = %s ORDER BY title LIMIT 1" % GON)
# two of the producer's own occurrences: one to change, one to delete
EDITED, DELETED = psql("SELECT string_agg(id_sinp_occtax::text, ' ' ORDER BY id) FROM (SELECT id, id_sinp_occtax "
                       "FROM sinp.occurrence WHERE jdd_metadonnee_dee_id = '%s' AND GeometryType(geom) = 'POINT' "
                       "ORDER BY id LIMIT 2) s" % DATASET).split()
ADDED = str(uuid.uuid4())
X, Y = map(float, psql("SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p "
                       "FROM territory.commune WHERE insee = '62765') s").split())


def state(excluding):
    """Row count and checksum of every occurrence but these."""
    ids = ",".join("'%s'" % i for i in excluding) or "''"
    return psql("SELECT count(*) || ' ' || md5(string_agg(o::text, ',' ORDER BY id)) FROM sinp.occurrence o "
                "WHERE id_sinp_occtax::text NOT IN (%s)" % ids)


def tombstones():
    return int(psql("SELECT count(*) FROM sinp.occurrence_tombstone"))


def row(occurrence):
    found = psql("SELECT row_to_json(o) FROM (SELECT nom_cite, cd_nom, cd_ref, code_commune, code_maille, "
                 "jdd_metadonnee_dee_id FROM sinp.occurrence WHERE id_sinp_occtax = '%s') o" % occurrence)
    return json.loads(found) if found else None


def layer_as(login):
    """sinp:occurrences through QGIS's WFS provider as that login, restricted to the two occurrences it edits."""
    uri = QgsDataSourceUri()
    for key, value in {"url": URL + "/wfs", "typename": "sinp:occurrences", "version": "2.0.0",
                       "srsname": "EPSG:2154", "pagingEnabled": "true", "username": login, "password": PASSWORD,
                       # the filter goes in the layer's own source (a server-side filter), so that QGIS, which
                       # takes a layer of any geometry type for the type of its first feature, finds points
                       "filter": "id_sinp_occtax IN ('%s', '%s')" % (EDITED, DELETED)}.items():
        uri.setParam(key, value)
    layer = QgsVectorLayer(uri.uri(False), "occurrences " + login, "WFS")
    if not checks.check("WFS sinp:occurrences opens as %s" % login, layer.isValid(),
                        "" if layer.isValid() else layer.error().message(QgsErrorMessage.Text)):
        return None
    return layer


def edit(layer):
    """Changes EDITED (and a derived field, which the platform must ignore), deletes DELETED, adds ADDED; commits."""
    features = {f["id_sinp_occtax"]: f for f in layer.getFeatures(QgsFeatureRequest())}
    checks.check("%s: QGIS reads the two occurrences" % layer.name(), sorted(features) == sorted([EDITED, DELETED]),
                 sorted(features))
    if len(features) != 2:
        return False, ["not read"]
    fields = layer.fields()
    layer.startEditing()
    edited = features[EDITED]
    layer.changeAttributeValue(edited.id(), fields.indexOf("nom_cite"), "Modifié dans QGIS")
    layer.changeAttributeValue(edited.id(), fields.indexOf("code_commune"), "00000")
    layer.deleteFeature(features[DELETED].id())
    added = QgsFeature(fields)
    for name, value in {"id_sinp_occtax": ADDED, "cd_nom": 90000001, "nom_cite": "Anas platyrhynchos",
                        "statut_observation": "Pr", "date_debut": "2022-04-02", "date_fin": "2022-04-02",
                        "observateur": "DUPONT Marie (GON)", "jdd_metadonnee_dee_id": DATASET,
                        "denombrement_min": 2, "denombrement_max": 3, "cd_ref": 1, "code_commune": "00000"}.items():
        added.setAttribute(fields.indexOf(name), value)
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X, Y)))
    layer.addFeature(added)
    ok = layer.commitChanges()
    errors = list(layer.commitErrors())
    if not ok:
        layer.rollBack()
    return ok, errors


def as_producer():
    layer = layer_as("wfst-producteur")
    if layer is None:
        return
    caps = layer.dataProvider().capabilities()
    checks.check("QGIS sees a transactional WFS (add, change, delete)",
                 all(caps & c for c in (QgsVectorDataProvider.AddFeatures, QgsVectorDataProvider.ChangeAttributeValues,
                                        QgsVectorDataProvider.DeleteFeatures)), int(caps))
    before = state([EDITED, DELETED, ADDED])
    buried = tombstones()
    ok, errors = edit(layer)
    checks.check("the producer's commit succeeds", ok, errors)
    checks.check("no other occurrence changed", state([EDITED, DELETED, ADDED]) == before)
    edited = row(EDITED)
    checks.check("the change is there", edited and edited["nom_cite"] == "Modifié dans QGIS", edited)
    checks.check("the changed occurrence keeps its derived attachment", edited and edited["code_commune"] != "00000",
                 edited)
    checks.check("the deleted occurrence is gone", row(DELETED) is None)
    checks.check("the deletion left a tombstone, the only new one", psql(
        "SELECT count(*) FROM sinp.occurrence_tombstone WHERE id_sinp_occtax = '%s'" % DELETED) == "1"
                 and tombstones() == buried + 1)
    added = row(ADDED)
    expected_ref = int(psql("SELECT cd_ref FROM ref.taxref WHERE cd_nom = 90000001"))
    checks.check("the added occurrence is there with cdRef and commune derived", added is not None
                 and added["cd_ref"] == expected_ref and added["code_commune"] == "62765", added)
    checks.check("the edits are audited", psql("SELECT string_agg(DISTINCT action, ',' ORDER BY action) FROM "
                                               "security.write_audit WHERE login = 'wfst-producteur' AND at > now() - "
                                               "interval '5 minutes'") == "Delete,Insert,Update")


def as_partner():
    layer = layer_as("wfst-partenaire")
    if layer is None:
        return
    before = state([])
    buried = tombstones()
    ok, errors = edit(layer)
    checks.check("the partner's commit is refused", not ok, errors)
    checks.check("the refused commit changed nothing", state([]) == before and tombstones() == buried)


def put_back(saved_deleted, saved_nom_cite):
    """Restores the demo: the deleted occurrence (and no tombstone), the edited one's name, no added occurrence."""
    psql("BEGIN; DELETE FROM sinp.occurrence WHERE id_sinp_occtax = '%s'; "
         "INSERT INTO sinp.occurrence OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_record(NULL::sinp.occurrence, "
         "$json$%s$json$) WHERE NOT EXISTS (SELECT 1 FROM sinp.occurrence WHERE id_sinp_occtax = '%s'); "
         "DELETE FROM sinp.occurrence_tombstone WHERE id_sinp_occtax IN ('%s', '%s'); "
         "UPDATE sinp.occurrence SET nom_cite = $name$%s$name$ WHERE id_sinp_occtax = '%s'; "
         "REFRESH MATERIALIZED VIEW sinp.occurrence_maille; SELECT obs.compute_occurrence_indicators(); COMMIT"
         % (ADDED, saved_deleted, DELETED, DELETED, ADDED, saved_nom_cite, EDITED))


# a profile of its own: QGIS's network disk cache must not answer for the server
qgs = QgsApplication([], False, os.path.join(work_dir("qgis-wfst"), "profile"))
qgs.initQgis()
saved_deleted = psql("SELECT row_to_json(o) FROM sinp.occurrence o WHERE id_sinp_occtax = '%s'" % DELETED)
saved_nom_cite = row(EDITED)["nom_cite"]
try:
    checks.run("QGIS edits as the partner", as_partner)
    checks.run("QGIS edits as the producer", as_producer)
finally:
    put_back(saved_deleted, saved_nom_cite)
checks.check("the demo is put back", row(DELETED) is not None and row(ADDED) is None
             and row(EDITED)["nom_cite"] == saved_nom_cite)
qgs.exitQgis()
checks.finish()
