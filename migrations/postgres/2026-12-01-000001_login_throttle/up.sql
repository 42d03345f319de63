-- Failed-login throttle, shared by every server process on this database. One row a key
-- (`u:<account>` or `a:<client address>`): the attempts counted in the window that began at
-- window_start. An attempt is counted before its password is hashed.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    attempts INTEGER NOT NULL,
    window_start TIMESTAMP NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
