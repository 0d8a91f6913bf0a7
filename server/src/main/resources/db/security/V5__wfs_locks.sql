-- WFS locks (LockFeature, GetFeatureWithLock; checked and released by Transaction), shared by every replica of the
-- server (server wfs/PostgresLockStore). A lock holds its features until expires_at; an expired lock holds nothing
-- and its features' rows are purged. Its own row is kept a day past its expiry, so that its id is still known as an
-- expired lock (LockHasExpired) rather than an unknown one (InvalidLockId); a released lock's row is deleted at once.
CREATE TABLE security.wfs_lock (
    lock_id     text PRIMARY KEY,
    owner       text,
    duration    interval NOT NULL CHECK (duration > interval '0'),
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE security.wfs_lock IS 'WFS locks: who took them, how long each lasts (renewals start it again), until when';
CREATE INDEX wfs_lock_expires_at_idx ON security.wfs_lock (expires_at);

-- One row per feature a lock holds, its lock's expiry copied (renewals update both), so that taking a feature is one
-- INSERT ... ON CONFLICT that sees at once whether another live lock holds it. A row without lock_id, already expired,
-- is a Transaction's claim on a feature it is changing: it holds off anyone locking the feature until the
-- Transaction ends.
CREATE TABLE security.wfs_locked_feature (
    type_name   text NOT NULL,
    feature_id  text NOT NULL,
    lock_id     text REFERENCES security.wfs_lock (lock_id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (type_name, feature_id)
);
COMMENT ON TABLE security.wfs_locked_feature IS 'Features held by WFS locks (type name, published feature id)';
CREATE INDEX wfs_locked_feature_lock_idx ON security.wfs_locked_feature (lock_id);
CREATE INDEX wfs_locked_feature_expires_at_idx ON security.wfs_locked_feature (expires_at);
