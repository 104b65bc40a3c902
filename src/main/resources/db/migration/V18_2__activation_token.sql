-- Invitations and password resets (docs/security.md, "Manager accounts"): a one-time link per purpose,
-- stored as the SHA-256 of its token. A user's newer link voids the older ones; using one voids the rest.
create table activation_token (
    token_hash  char(64)    primary key,
    user_id     bigint      not null references app_user (id),
    purpose     varchar(16) not null check (purpose in ('ACTIVATE', 'RESET')),
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_by  varchar(64) not null
);
create index activation_token_user_idx on activation_token (user_id);

-- Where an activation link can be sent by SMS (masked in every list; never logged).
alter table app_user add column phone varchar(20);
