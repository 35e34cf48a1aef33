-- Internal storage in the database, so a cluster needs nothing but PostgreSQL. A file is a row of `files` and its
-- content in chunks (bytea, at most 1 MiB each), so no single value is huge and a reader fetches one chunk at a time.
CREATE TABLE files (
    path    text   COLLATE "C" NOT NULL PRIMARY KEY, -- the URI's decoded path, segments joined by '/'
    file_id uuid   NOT NULL UNIQUE,                  -- a new id per write, so a replaced file's chunks never mix
    size    bigint NOT NULL,
    updated timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE file_chunks (
    file_id uuid    NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea   NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- Folders created explicitly (namespace files have them), empty until files are put below them. Folders that hold
-- files need no row: they are implied by the files' paths.
CREATE TABLE file_directories (
    path    text COLLATE "C" NOT NULL PRIMARY KEY,
    created timestamptz NOT NULL DEFAULT now()
);
