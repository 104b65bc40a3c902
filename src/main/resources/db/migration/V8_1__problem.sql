-- Problems raised by firms (问题收集和协调解决): raised by the firm's manager, handled by the park's
-- liaison officer, escalated to the bureau (交办 / 督办) and assigned to a named department.
-- park_id is the firm's park when the problem was raised: it scopes who handles it and the figures.
create table problem (
    id                bigint primary key default nextval('id_seq'),
    firm_id           bigint        not null references firm (id),
    park_id           bigint        not null references park (id),
    category          varchar(16)   not null check (category in ('MATERIALS_IN', 'PRODUCTS_OUT', 'STAFFING', 'TESTING', 'SUPPLIES', 'OTHER')),
    urgency           varchar(8)    not null check (urgency in ('URGENT', 'HIGH', 'NORMAL')),
    description       varchar(2000) not null,
    status            varchar(16)   not null check (status in ('RAISED', 'ACKNOWLEDGED', 'ESCALATED', 'ASSIGNED', 'RESOLVED', 'CLOSED')),
    raised_by         varchar(64)   not null,
    raised_at         timestamptz   not null,
    acknowledge_due   timestamptz   not null,
    resolve_due       timestamptz   not null,
    acknowledged_at   timestamptz,
    escalation        varchar(12)   check (escalation in ('ASSIGN', 'SUPERVISE')),
    escalated_at      timestamptz,
    department        varchar(100),
    department_due    timestamptz,
    assigned_at       timestamptz,
    resolution        varchar(2000),
    resolved_at       timestamptz,
    closed_at         timestamptz,
    reopen_count      integer       not null default 0,
    updated_at        timestamptz   not null,
    version           bigint        not null default 0
);
create index problem_scope_idx on problem (park_id, firm_id, status);
create index problem_status_idx on problem (status, resolve_due);

create table problem_comment (
    id           bigint primary key default nextval('id_seq'),
    problem_id   bigint        not null references problem (id),
    author       varchar(64)   not null,
    author_name  varchar(100)  not null,
    author_role  varchar(16),
    body         varchar(2000) not null,
    created_at   timestamptz   not null
);
create index problem_comment_idx on problem_comment (problem_id, created_at);

create table problem_attachment (
    problem_id   bigint not null references problem (id),
    file_id      bigint not null references stored_file (id),
    primary key (problem_id, file_id)
);
