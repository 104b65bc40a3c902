-- Issue 19, items 13-15: gates belong to parks, guards are bound to gates, the scan log names the gate and
-- the refusals, gate alerts are grouped into one counted notification per gate, kind and hour.

-- A gate (卡口) of a park. Names are unique within a park; a gate is deactivated, never deleted (the scan
-- log refers to it).
create table gate (
    id          bigint primary key default nextval('id_seq'),
    park_id     bigint       not null references park (id),
    name        varchar(60)  not null,
    active      boolean      not null default true,
    created_at  timestamptz  not null,
    version     bigint       not null default 0,
    unique (park_id, name)
);

-- Which guards may scan at which gate. Kept apart from the user's own binding (app_user, user_park) so user
-- management can change without touching the gate.
create table gate_guard (
    gate_id  bigint not null references gate (id) on delete cascade,
    user_id  bigint not null references app_user (id) on delete cascade,
    primary key (gate_id, user_id)
);
create index gate_guard_user_idx on gate_guard (user_id);

-- A park's policy: whether its gates admit permits issued by other parks (off: they scan WRONG_PARK).
alter table park add column admits_other_parks boolean not null default false;

-- The scan log: the registered gate and its park (rows written before this version name a gate only by text),
-- and two more results: WRONG_PARK (a genuine permit of another park) and REFUSED (the call was answered 400).
alter table gate_scan add column gate_id bigint references gate (id);
alter table gate_scan add column gate_park_id bigint references park (id);
alter table gate_scan drop constraint gate_scan_result_check;
alter table gate_scan add constraint gate_scan_result_check check (result in
    ('VALID', 'EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'SUSPENDED', 'FORGED', 'WRONG_PARK', 'REFUSED'));
create index gate_scan_gate_park_idx on gate_scan (gate_park_id, scanned_at);
create index gate_scan_gate_idx on gate_scan (gate_id, scanned_at);

-- Grouped notifications: one row per recipient and group (e.g. gate 东门, FORGED, this hour) whose count
-- grows, instead of one row per event.
alter table notification add column group_key varchar(120);
alter table notification add column occurrences integer not null default 1;
create unique index notification_group_idx on notification (recipient_id, group_key) where group_key is not null;
