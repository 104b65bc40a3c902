-- Issue 20: health monitoring and the gate's check of the person (一扫四查), outbreak response (追阳断链).

-- Co-workers of a shift/team and a dormitory room are traced when a worker tests positive.
alter table worker add column shift_team varchar(50);
alter table worker add column dormitory varchar(50);
create index worker_firm_shift_idx on worker (firm_id, shift_team) where shift_team is not null;
create index worker_firm_dorm_idx on worker (firm_id, dormitory) where dormitory is not null;

-- A park's health policy; every change is a new row (history kept), the newest row per park applies.
-- test_interval_hours null: no test required.
create table health_policy (
    id                    bigint primary key default nextval('id_seq'),
    park_id               bigint       not null references park (id),
    test_interval_hours   integer      check (test_interval_hours between 1 and 720),
    overdue_action        varchar(8)   not null check (overdue_action in ('REFUSE', 'WARN')),
    fever_threshold       numeric(3,1) not null check (fever_threshold between 36.0 and 39.0),
    suspend_firm          boolean      not null default false,
    set_at                timestamptz  not null,
    set_by                varchar(64)  not null,
    version               bigint       not null default 0
);
create index health_policy_park_idx on health_policy (park_id, id desc);

-- A worker's test (核酸检测): sample time, result, site; entered by the manager or liaison, or imported.
create table health_test (
    id          bigint primary key default nextval('id_seq'),
    worker_id   bigint       not null references worker (id),
    firm_id     bigint       not null references firm (id),
    park_id     bigint       not null references park (id),
    sampled_at  timestamptz  not null,
    result      varchar(8)   not null check (result in ('NEGATIVE', 'POSITIVE', 'PENDING')),
    site        varchar(100),
    source      varchar(8)   not null check (source in ('MANUAL', 'API', 'IMPORT')),
    entered_by  varchar(64)  not null,
    entered_at  timestamptz  not null,
    version     bigint       not null default 0
);
-- The gate reads a worker's tests newest first.
create index health_test_worker_idx on health_test (worker_id, sampled_at desc);
create index health_test_firm_idx on health_test (firm_id, sampled_at desc);

-- An outbreak incident: opened when a worker is marked positive, worked like a problem.
create table health_incident (
    id               bigint primary key default nextval('id_seq'),
    worker_id        bigint       not null references worker (id),
    firm_id          bigint       not null references firm (id),
    park_id          bigint       not null references park (id),
    test_id          bigint       not null references health_test (id),
    status           varchar(12)  not null check (status in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')),
    firm_suspended   boolean      not null,
    opened_at        timestamptz  not null,
    opened_by        varchar(64)  not null,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(64),
    closed_at        timestamptz,
    closed_by        varchar(64),
    closing_note     varchar(500),
    version          bigint       not null default 0
);
create index health_incident_park_idx on health_incident (park_id, opened_at desc);

create table health_incident_action (
    id           bigint primary key default nextval('id_seq'),
    incident_id  bigint        not null references health_incident (id),
    at           timestamptz   not null,
    actor        varchar(64)   not null,
    text         varchar(500)  not null
);
create index health_incident_action_idx on health_incident_action (incident_id, at);

-- A health hold suspends a worker's cards (worker_id set) or all cards of a firm (worker_id null) until lifted.
create table health_hold (
    id           bigint primary key default nextval('id_seq'),
    firm_id      bigint       not null references firm (id),
    worker_id    bigint       references worker (id),
    incident_id  bigint       references health_incident (id),
    since        timestamptz  not null,
    placed_by    varchar(64)  not null,
    lifted_at    timestamptz,
    lifted_by    varchar(64),
    lift_reason  varchar(300),
    version      bigint       not null default 0
);
create index health_hold_worker_idx on health_hold (worker_id) where lifted_at is null;
create index health_hold_firm_idx on health_hold (firm_id) where lifted_at is null and worker_id is null;

-- The gate logs a temperature typed or posted with the scan, and answers TEST_OVERDUE, POSITIVE or FEVER.
alter table gate_scan add column temperature numeric(3,1);
alter table gate_scan drop constraint gate_scan_result_check;
alter table gate_scan add constraint gate_scan_result_check check (result in
    ('VALID', 'EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'SUSPENDED', 'FORGED', 'WRONG_PARK', 'REFUSED',
     'TEST_OVERDUE', 'POSITIVE', 'FEVER'));
