-- Occurrences withdrawn by their producer (an import in `full` mode: the dataset's rows the file no longer holds).
-- The row itself leaves sinp.occurrence, so that no layer, count, extent, tile or indicator can still show it; its
-- tombstone tells the flows out (DEE exports to the national platform) that it is gone, and since when.
CREATE TABLE sinp.occurrence_tombstone (
    id_sinp_occtax         uuid PRIMARY KEY,
    jdd_metadonnee_dee_id  uuid NOT NULL REFERENCES ref.dataset (uuid) ON DELETE CASCADE,
    deleted_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE sinp.occurrence_tombstone IS 'Occurrences retirées par leur producteur (idSINPOccTax, jeu de données, date de suppression), pour les flux incrémentaux';
CREATE INDEX occurrence_tombstone_jdd_idx ON sinp.occurrence_tombstone (jdd_metadonnee_dee_id, deleted_at);
