CREATE TABLE multiple_condition_windows (
    namespace    TEXT NOT NULL,
    flow_id      TEXT NOT NULL,
    condition_id TEXT NOT NULL,
    end_date     TEXT NOT NULL, -- the window's end, for purging the expired ones
    json         TEXT NOT NULL,
    PRIMARY KEY (namespace, flow_id, condition_id)
) WITHOUT ROWID;

CREATE INDEX multiple_condition_windows_end ON multiple_condition_windows (end_date);
