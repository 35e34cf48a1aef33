-- Dates are fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ) so string order is time order.

CREATE TABLE flows (
    namespace TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    revision  INTEGER NOT NULL,
    source    TEXT    NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    updated   TEXT    NOT NULL,
    PRIMARY KEY (namespace, id, revision)
) WITHOUT ROWID;

CREATE TABLE executions (
    id         TEXT    NOT NULL PRIMARY KEY,
    namespace  TEXT    NOT NULL,
    flow_id    TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    start_date TEXT    NOT NULL,
    end_date   TEXT,
    parent_id  TEXT,
    trigger_id TEXT,
    labels     TEXT    NOT NULL DEFAULT '[]', -- [{"key":..,"value":..}], searched with json_each
    deleted    INTEGER NOT NULL DEFAULT 0,
    json       TEXT    NOT NULL               -- the whole execution, Kestra's JSON shape
);

CREATE INDEX ix_executions_start_date ON executions (start_date);
CREATE INDEX ix_executions_namespace_flow ON executions (namespace, flow_id, start_date);
CREATE INDEX ix_executions_state ON executions (state, start_date);
CREATE INDEX ix_executions_parent ON executions (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE execution_idempotency_keys (
    key          TEXT NOT NULL PRIMARY KEY,
    execution_id TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX ix_execution_idempotency_keys_expires ON execution_idempotency_keys (expires_at);

CREATE TABLE logs (
    id             INTEGER PRIMARY KEY,
    namespace      TEXT    NOT NULL,
    flow_id        TEXT    NOT NULL,
    task_id        TEXT,
    execution_id   TEXT,
    task_run_id    TEXT,
    attempt_number INTEGER,
    trigger_id     TEXT,
    timestamp      TEXT    NOT NULL,
    level          INTEGER NOT NULL, -- LogLevel ordinal: TRACE 0 .. ERROR 4
    thread         TEXT    NOT NULL,
    message        TEXT    NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ix_logs_execution ON logs (execution_id, timestamp) WHERE execution_id IS NOT NULL;

CREATE TABLE trigger_states (
    namespace           TEXT NOT NULL,
    flow_id             TEXT NOT NULL,
    trigger_id          TEXT NOT NULL,
    next_execution_date TEXT,
    json                TEXT NOT NULL,
    PRIMARY KEY (namespace, flow_id, trigger_id)
) WITHOUT ROWID;

CREATE TABLE kv (
    namespace  TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL, -- JSON
    expires_at TEXT,
    updated    TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
