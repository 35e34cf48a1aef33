CREATE TABLE api_tokens (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE, -- lower-case hex SHA-256 of the token; the token itself is never stored
    created_at TEXT NOT NULL,
    expires_at TEXT
) WITHOUT ROWID;
