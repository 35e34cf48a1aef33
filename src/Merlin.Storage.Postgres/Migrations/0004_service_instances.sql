-- The live Merlin processes of the cluster, one row per registration, refreshed by its heartbeat. Rows are deleted
-- at a graceful stop or, by any process, once their heartbeat is older than the liveness timeout: an id absent
-- from this table is dead, and what it claimed is taken over. Times are the database's clock (now()), so machines
-- with skewed clocks agree on who is late.
CREATE TABLE service_instances (
    id           text COLLATE "C" NOT NULL PRIMARY KEY, -- hostname-pid-random, new at every start
    components   text[]      NOT NULL,                  -- webserver, executor, worker, scheduler
    hostname     text        NOT NULL,
    process_id   integer     NOT NULL,
    version      text        NOT NULL,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- The reaper looks for the oldest heartbeats.
CREATE INDEX service_instances_heartbeat_at ON service_instances (heartbeat_at);
