-- Failed logins per client address (LoginThrottle), in the database so that every replica of the server slows the
-- same guesser: spreading attempts over replicas gains nothing. A row not touched for an hour is forgotten.
CREATE TABLE security.login_failure (
    address     text PRIMARY KEY,
    failures    integer NOT NULL CHECK (failures > 0),
    last_millis bigint  NOT NULL
);

CREATE INDEX login_failure_last ON security.login_failure (last_millis);
