-- Permits: whitelist cards, vehicle passes and resumption certificates share one table, so that the
-- gate reads one status and a revocation takes effect at the next scan.
create table permit (
    id             bigint primary key default nextval('id_seq'),
    type           varchar(16)  not null check (type in ('CARD', 'PASS', 'CERTIFICATE')),
    number         varchar(40)  not null unique,
    firm_id        bigint       not null references firm (id),
    park_id        bigint       not null references park (id),
    subject_id     bigint,
    holder_name    varchar(100) not null,
    holder_digest  char(64)     not null,
    valid_from     timestamptz  not null,
    valid_to       timestamptz  not null,
    status         varchar(16)  not null default 'ACTIVE' check (status in ('ACTIVE', 'REVOKED', 'REPLACED')),
    revoked_at     timestamptz,
    revoke_reason  varchar(300),
    replaced_by    bigint references permit (id),
    issued_at      timestamptz  not null,
    issued_by      varchar(64)  not null,
    version        bigint       not null default 0,
    check (valid_to > valid_from)
);
create index permit_firm_idx on permit (firm_id, type, status);
create index permit_subject_idx on permit (type, subject_id);
create sequence permit_number_seq start with 1;
