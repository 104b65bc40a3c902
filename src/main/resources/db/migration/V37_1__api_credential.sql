-- Named API credentials for machine clients (docs/security.md, "Machine clients"): a firm's HR system, a
-- testing site, a gate scanner. The secret (lgk_ + 256 random bits) is shown once; only its SHA-256 is kept,
-- with the first characters (prefix) so that lists can name it. Scope FIRM binds one firm, PARK and GATE a
-- set of parks. last_used_at is written at most once a minute per credential and node.
create table api_credential (
    id            bigint       primary key,
    name          varchar(100) not null,
    token_hash    char(64)     not null unique,
    token_prefix  varchar(16)  not null,
    scope         varchar(8)   not null check (scope in ('FIRM', 'PARK', 'GATE')),
    firm_id       bigint       references firm (id),
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null,
    expires_at    timestamptz  not null,
    last_used_at  timestamptz,
    first_used_at timestamptz,
    revoked_at    timestamptz,
    revoked_by    varchar(64),
    version       bigint       not null default 0,
    constraint api_credential_firm_scope check ((scope = 'FIRM') = (firm_id is not null))
);
create index api_credential_firm_idx on api_credential (firm_id) where firm_id is not null;

create table api_credential_park (
    credential_id bigint not null references api_credential (id) on delete cascade,
    park_id       bigint not null references park (id),
    primary key (credential_id, park_id)
);
