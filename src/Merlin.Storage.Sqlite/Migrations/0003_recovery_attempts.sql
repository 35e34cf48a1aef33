-- Replays of unfinished executions started at start-up and not yet completed (see IRecoveryJournal).
CREATE TABLE recovery_attempts (
    execution_id TEXT NOT NULL PRIMARY KEY,
    attempts     INTEGER NOT NULL
) WITHOUT ROWID;
