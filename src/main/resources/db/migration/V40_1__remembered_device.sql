-- "Keep me signed in on this device" (docs/security.md, "Remembered devices"): one row per device a built-in
-- user ticked the box on. The cookie holds a random selector (looked up here) and a random validator, of which
-- only the SHA-256 is kept; every use replaces the validator and keeps the previous hash for a few seconds (two
-- tabs restored at once, a retried request), so that a copied cookie presented after the real device moved on is
-- recognised (all the user's devices are then forgotten).
create table remembered_device (
    id              bigserial   primary key,
    user_id         bigint      not null references app_user (id) on delete cascade,
    selector        char(24)    not null unique,
    validator_hash  char(64)    not null,
    previous_hash   char(64),
    rotated_at      timestamptz,
    device          varchar(80) not null,
    created_at      timestamptz not null,
    last_used_at    timestamptz not null,
    expires_at      timestamptz not null
);
create index remembered_device_user_idx on remembered_device (user_id);
