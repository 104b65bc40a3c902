-- Resumption plans (复工复产方案): one plan per filing, every (re)submission a new version.
create table resumption_plan (
    id               bigint primary key default nextval('id_seq'),
    firm_id          bigint       not null references firm (id),
    park_id          bigint       not null references park (id),
    status           varchar(12)  not null check (status in ('SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED')),
    current_version  integer      not null,
    submitted_at     timestamptz  not null,
    created_at       timestamptz  not null,
    decided_at       timestamptz,
    decided_by       varchar(64),
    decision_reason  varchar(1000),
    -- The resumption certificate (permit table, created by a later migration: no foreign key here).
    permit_id        bigint,
    version          bigint       not null default 0
);
create index resumption_plan_firm_idx on resumption_plan (firm_id);
create index resumption_plan_queue_idx on resumption_plan (status, submitted_at);
-- At most one plan under way (submitted or returned) per firm.
create unique index resumption_plan_open_idx on resumption_plan (firm_id) where status in ('SUBMITTED', 'RETURNED');

create table plan_version (
    id                  bigint primary key default nextval('id_seq'),
    plan_id             bigint        not null references resumption_plan (id),
    number              integer       not null,
    planned_date        date          not null,
    headcount           integer       not null check (headcount >= 0),
    dormitory           varchar(2000) not null,
    meals               varchar(2000) not null,
    shuttle             varchar(2000) not null,
    disinfection        varchar(2000) not null,
    health_checks       varchar(2000) not null,
    emergency_plan      varchar(4000) not null,
    officer_name        varchar(50)   not null,
    officer_phone       varchar(11)   not null,
    commitment_file_id  bigint        references stored_file (id),
    submitted_at        timestamptz   not null,
    submitted_by        varchar(64)   not null,
    -- The liaison's comments per section when this version was returned (JSON object section -> text).
    review_comments     text,
    unique (plan_id, number)
);

-- One firm, one policy (一企一策): conditions a liaison attaches to a plan.
create table plan_condition (
    id          bigint primary key default nextval('id_seq'),
    plan_id     bigint        not null references resumption_plan (id),
    text        varchar(1000) not null,
    created_at  timestamptz   not null,
    created_by  varchar(64)   not null
);
create index plan_condition_plan_idx on plan_condition (plan_id);
