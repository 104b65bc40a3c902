-- Ed25519 keys that sign permit QR codes. Public keys stay here for ever (old permits stay
-- verifiable and are published); exactly one key is ACTIVE (partial unique index), and nodes that
-- create or rotate keys take an advisory lock first, so several portal nodes never make two.
create table signing_key (
    key_id       char(8)     primary key,
    algorithm    varchar(16) not null default 'Ed25519',
    public_key   bytea       not null,
    -- PKCS#8; AES-256-GCM wrapped (iv || ciphertext) when wrapping = 'AES-GCM'; null when the key
    -- is given in configuration (wrapping = 'CONFIG') and never stored.
    private_key  bytea,
    wrapping     varchar(16) not null check (wrapping in ('NONE', 'AES-GCM', 'CONFIG')),
    status       varchar(16) not null check (status in ('ACTIVE', 'RETIRED')),
    created_at   timestamptz not null,
    retired_at   timestamptz,
    check (wrapping = 'CONFIG' or private_key is not null)
);
create unique index signing_key_one_active on signing_key (status) where status = 'ACTIVE';
