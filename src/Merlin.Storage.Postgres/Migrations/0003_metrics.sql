-- Metric entries of task runs (Kestra's MetricEntry); a timer's value is in milliseconds; tags a JSON object or NULL.
CREATE TABLE metrics (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace    text    COLLATE "C" NOT NULL,
    flow_id      text    COLLATE "C" NOT NULL,
    task_id      text    COLLATE "C",
    execution_id text    COLLATE "C",
    task_run_id  text    COLLATE "C",
    type         text    NOT NULL, -- counter, timer, gauge
    name         text    COLLATE "C" NOT NULL,
    value        double precision NOT NULL,
    tags         text,
    timestamp    text    COLLATE "C" NOT NULL,
    deleted      boolean NOT NULL DEFAULT false
);

CREATE INDEX ix_metrics_execution ON metrics (execution_id, timestamp) WHERE execution_id IS NOT NULL;
-- Names, task ids and aggregates are asked per flow; aggregates per metric name over a time range.
CREATE INDEX ix_metrics_flow ON metrics (namespace, flow_id, name, timestamp);
