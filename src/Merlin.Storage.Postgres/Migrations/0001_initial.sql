-- Identifiers and dates compare byte-wise (COLLATE "C"), as in the SQLite backend, so that namespace ranges and
-- orderings are the same on both. Dates are fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ): exact to the
-- .NET tick (timestamptz keeps microseconds only), readable in psql, and ordered by plain comparison.

CREATE TABLE flows (
    namespace text    COLLATE "C" NOT NULL,
    id        text    COLLATE "C" NOT NULL,
    revision  integer NOT NULL,
    source    text    NOT NULL,
    deleted   boolean NOT NULL DEFAULT false,
    updated   text    COLLATE "C" NOT NULL,
    PRIMARY KEY (namespace, id, revision)
);

CREATE TABLE executions (
    id         text    COLLATE "C" NOT NULL PRIMARY KEY,
    namespace  text    COLLATE "C" NOT NULL,
    flow_id    text    COLLATE "C" NOT NULL,
    state      text    COLLATE "C" NOT NULL,
    start_date text    COLLATE "C" NOT NULL,
    end_date   text    COLLATE "C",
    parent_id  text    COLLATE "C",
    trigger_id text    COLLATE "C",
    labels     jsonb   NOT NULL DEFAULT '[]', -- [{"key":..,"value":..}], searched with @> through the GIN index
    deleted    boolean NOT NULL DEFAULT false,
    json       text    NOT NULL               -- the whole execution, Kestra's JSON shape, byte for byte
);

CREATE INDEX ix_executions_start_date ON executions (start_date);
CREATE INDEX ix_executions_namespace_flow ON executions (namespace, flow_id, start_date);
CREATE INDEX ix_executions_state ON executions (state, start_date);
CREATE INDEX ix_executions_parent ON executions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX ix_executions_labels ON executions USING gin (labels jsonb_path_ops);

CREATE TABLE execution_idempotency_keys (
    key          text COLLATE "C" NOT NULL PRIMARY KEY,
    execution_id text COLLATE "C" NOT NULL,
    expires_at   text COLLATE "C" NOT NULL
);

CREATE INDEX ix_execution_idempotency_keys_expires ON execution_idempotency_keys (expires_at);

CREATE TABLE logs (
    id             bigint   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace      text     COLLATE "C" NOT NULL,
    flow_id        text     COLLATE "C" NOT NULL,
    task_id        text     COLLATE "C",
    execution_id   text     COLLATE "C",
    task_run_id    text     COLLATE "C",
    attempt_number integer,
    trigger_id     text     COLLATE "C",
    timestamp      text     COLLATE "C" NOT NULL,
    level          smallint NOT NULL, -- LogLevel ordinal: TRACE 0 .. ERROR 4
    thread         text     NOT NULL,
    message        text     NOT NULL,
    deleted        boolean  NOT NULL DEFAULT false
);

CREATE INDEX ix_logs_execution ON logs (execution_id, timestamp) WHERE execution_id IS NOT NULL;

CREATE TABLE trigger_states (
    namespace           text COLLATE "C" NOT NULL,
    flow_id             text COLLATE "C" NOT NULL,
    trigger_id          text COLLATE "C" NOT NULL,
    next_execution_date text COLLATE "C",
    json                text NOT NULL,
    PRIMARY KEY (namespace, flow_id, trigger_id)
);

CREATE TABLE kv (
    namespace  text COLLATE "C" NOT NULL,
    key        text COLLATE "C" NOT NULL,
    value      text NOT NULL, -- JSON text, as written (jsonb would reorder keys and drop duplicates)
    expires_at text COLLATE "C",
    updated    text COLLATE "C" NOT NULL,
    PRIMARY KEY (namespace, key)
);

CREATE TABLE api_tokens (
    id         text COLLATE "C" NOT NULL PRIMARY KEY,
    name       text NOT NULL,
    hash       text COLLATE "C" NOT NULL UNIQUE, -- lower-case hex SHA-256 of the token; the token itself is never stored
    created_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C"
);

-- Replays of unfinished executions started at start-up and not yet completed (see IRecoveryJournal).
CREATE TABLE recovery_attempts (
    execution_id text    COLLATE "C" NOT NULL PRIMARY KEY,
    attempts     integer NOT NULL
);

CREATE TABLE multiple_condition_windows (
    namespace    text COLLATE "C" NOT NULL,
    flow_id      text COLLATE "C" NOT NULL,
    condition_id text COLLATE "C" NOT NULL,
    end_date     text COLLATE "C" NOT NULL, -- the window's end, for purging the expired ones
    json         text NOT NULL,
    PRIMARY KEY (namespace, flow_id, condition_id)
);

CREATE INDEX ix_multiple_condition_windows_end ON multiple_condition_windows (end_date);

-- One row rewritten by the readiness probe: a real committed write.
CREATE TABLE store_probe (
    id         smallint PRIMARY KEY CHECK (id = 1),
    probed_at  timestamptz NOT NULL
);

INSERT INTO store_probe (id, probed_at) VALUES (1, now());
