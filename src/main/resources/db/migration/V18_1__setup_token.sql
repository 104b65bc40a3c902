-- One-time set-up tokens for the first administrator of a production start (docs/security.md, "First
-- administrator"). Only the SHA-256 of a token is stored; the token itself is printed once in the log.
-- A start without any administrator adds one; creating the first administrator uses one and voids the rest.
create table setup_token (
    token_hash  char(64)    primary key,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    used_by     varchar(64)
);
