-- Daily reports (日报告/零报告): one per firm per calendar day of its park. Corrections keep history.
create table daily_report (
    id                   bigint primary key default nextval('id_seq'),
    firm_id              bigint       not null references firm (id),
    park_id              bigint       not null references park (id),
    report_date          date         not null,
    submitted_at         timestamptz  not null,
    submitted_by         varchar(64)  not null,
    late                 boolean      not null,
    zero_report          boolean      not null,
    staff_on_site        integer      not null check (staff_on_site >= 0),
    -- The firm's registered staff when the report was filed: the denominator of that day's arrival rate.
    registered_staff     integer      not null check (registered_staff >= 0),
    temperature_checks   integer      not null default 0 check (temperature_checks >= 0),
    fever_count          integer      not null default 0 check (fever_count >= 0),
    symptom_count        integer      not null default 0 check (symptom_count >= 0),
    positive_count       integer      not null default 0 check (positive_count >= 0),
    isolated_count       integer      not null default 0 check (isolated_count >= 0),
    tests_done           integer      not null default 0 check (tests_done >= 0),
    abnormal_details     varchar(2000),
    production_status    varchar(12)  not null check (production_status in ('NORMAL', 'PARTIAL', 'STOPPED')),
    capacity_pct         integer      not null check (capacity_pct between 0 and 200),
    revision             integer      not null default 1,
    correction_until     timestamptz,
    version              bigint       not null default 0,
    unique (firm_id, report_date)
);
create index daily_report_park_day_idx on daily_report (park_id, report_date);
create index daily_report_day_idx on daily_report (report_date);

-- Every earlier state of a corrected report.
create table daily_report_revision (
    report_id    bigint       not null references daily_report (id),
    revision     integer      not null,
    snapshot     text         not null,
    replaced_at  timestamptz  not null,
    replaced_by  varchar(64)  not null,
    reason       varchar(500),
    primary key (report_id, revision)
);
