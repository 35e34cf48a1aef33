-- The queues of a cluster. Each table holds what waits and nothing more: a consumer deletes a message in the
-- transaction that records its effect, so a table's size is its backlog. Ids are bigint identities, used only to
-- keep a partition's messages in the order they were sent (never as offsets a consumer stores).

-- Events for the executors. An execution's events all go to one partition (a stable hash of its id), and each
-- partition is read by the one executor that holds its lease in executor_partitions.
CREATE TABLE execution_queue (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partition    integer NOT NULL,
    execution_id text    COLLATE "C" NOT NULL,
    event        text    NOT NULL,             -- the event as JSON ({"type": ..., ...})
    reply_id     text    COLLATE "C",          -- set when the sender awaits the outcome (execution_replies)
    created      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_execution_queue_partition ON execution_queue (partition, id);

-- Task runs waiting for a worker, and those a worker claimed and runs. A job whose worker is no longer in
-- service_instances goes back to waiting (at least once, as Kestra).
CREATE TABLE worker_job_queue (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_run_id  text    COLLATE "C" NOT NULL,
    execution_id text    COLLATE "C" NOT NULL,
    affinity     text    COLLATE "C",          -- a WorkingDirectory's shared directory: its children run on one worker
    job          text    NOT NULL,             -- the WorkerJob as JSON
    claimed_by   text    COLLATE "C",          -- the worker instance running it, null while it waits
    claimed_at   timestamptz,
    created      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_worker_job_queue_waiting ON worker_job_queue (id) WHERE claimed_by IS NULL;
CREATE INDEX ix_worker_job_queue_task_run ON worker_job_queue (task_run_id);

-- Which worker holds a WorkingDirectory's shared directory (the worker that claimed its first child).
CREATE TABLE worker_affinity (
    affinity  text COLLATE "C" NOT NULL PRIMARY KEY,
    worker_id text COLLATE "C" NOT NULL,
    created   timestamptz NOT NULL DEFAULT now()
);

-- Outcomes of events sent with a reply_id, for the web server that awaits them; deleted when read.
CREATE TABLE execution_replies (
    reply_id  text COLLATE "C" NOT NULL PRIMARY KEY,
    execution text,                             -- the execution as the event left it (Kestra JSON), null if none
    error     text,                             -- why applying the event failed
    created   timestamptz NOT NULL DEFAULT now()
);

-- The executor partitions and their leases: one owner at a time, renewed; an expired lease (or one held by an
-- instance gone from service_instances) is taken over by another executor.
CREATE TABLE executor_partitions (
    partition  integer NOT NULL PRIMARY KEY,
    owner      text    COLLATE "C",
    expires_at timestamptz
);

INSERT INTO executor_partitions (partition) SELECT generate_series(0, 31);

-- Named leases (the scheduler's): one holder at a time.
CREATE TABLE leases (
    name       text COLLATE "C" NOT NULL PRIMARY KEY,
    owner      text COLLATE "C" NOT NULL,
    expires_at timestamptz NOT NULL
);

