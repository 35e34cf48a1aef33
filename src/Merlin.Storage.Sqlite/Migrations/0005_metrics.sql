-- Metric entries of task runs (Kestra's MetricEntry); a timer's value is in milliseconds; tags a JSON object or NULL.
CREATE TABLE metrics (
    id           INTEGER PRIMARY KEY,
    namespace    TEXT    NOT NULL,
    flow_id      TEXT    NOT NULL,
    task_id      TEXT,
    execution_id TEXT,
    task_run_id  TEXT,
    type         TEXT    NOT NULL, -- counter, timer, gauge
    name         TEXT    NOT NULL,
    value        REAL    NOT NULL,
    tags         TEXT,
    timestamp    TEXT    NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ix_metrics_execution ON metrics (execution_id, timestamp) WHERE execution_id IS NOT NULL;
-- Names, task ids and aggregates are asked per flow; aggregates per metric name over a time range.
CREATE INDEX ix_metrics_flow ON metrics (namespace, flow_id, name, timestamp);
