-- Every check at a gate: when, where, by whom, which permit (null when the code was unreadable or
-- named no known permit) and what the guard was shown.
create table gate_scan (
    id          bigint primary key default nextval('id_seq'),
    scanned_at  timestamptz not null,
    gate        varchar(60) not null,
    guard       varchar(64) not null,
    permit_id   bigint references permit (id),
    firm_id     bigint,
    park_id     bigint,
    key_id      char(8),
    result      varchar(16) not null check (result in ('VALID', 'EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'SUSPENDED', 'FORGED'))
);
create index gate_scan_time_idx on gate_scan (scanned_at);
create index gate_scan_permit_idx on gate_scan (permit_id, scanned_at);
create index gate_scan_park_idx on gate_scan (park_id, scanned_at);
