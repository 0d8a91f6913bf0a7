-- The audit of writes through the WFS Transaction: who changed which features of which layer, how and when. A row is
-- written in the write's own transaction, so that a write rolled back leaves no trace and a committed one always does.
CREATE TABLE security.write_audit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    login        text NOT NULL,
    layer        text NOT NULL,
    action       text NOT NULL CHECK (action IN ('Insert', 'Update', 'Replace', 'Delete')),
    feature_ids  text[] NOT NULL
);
COMMENT ON TABLE security.write_audit IS 'Who wrote which features (WFS Transaction): user, layer, action, published feature ids, time';
CREATE INDEX write_audit_at_idx ON security.write_audit (at);
CREATE INDEX write_audit_layer_idx ON security.write_audit (layer, at);
