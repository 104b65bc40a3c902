-- Loopgate foundation: places, firms, workers, users and their bindings, audit, notifications, files.
-- Versions: V1 is the foundation; each feature issue N adds migrations V<N>_<k>__*.sql.

-- One sequence for all JPA entities; EclipseLink takes blocks of 50 (allocationSize = increment).
create sequence id_seq start with 1000 increment by 50;

create table district (
    id          bigint primary key default nextval('id_seq'),
    code        varchar(16)  not null unique,
    name        varchar(100) not null,
    name_en     varchar(100),
    created_at  timestamptz  not null default now(),
    version     bigint       not null default 0
);

create table park (
    id                    bigint primary key default nextval('id_seq'),
    district_id           bigint       not null references district (id),
    code                  varchar(16)  not null unique,
    name                  varchar(100) not null,
    name_en               varchar(100),
    time_zone             varchar(40)  not null default 'Asia/Shanghai',
    report_deadline       time         not null default '10:00',
    pass_max_days         integer      not null default 30 check (pass_max_days between 1 and 366),
    -- Suspension policy: null = off; else a firm's permits are suspended after this many missed reports in a row.
    suspend_after_missed  integer check (suspend_after_missed is null or suspend_after_missed between 1 and 60),
    loop_ended_on         date,
    created_at            timestamptz  not null default now(),
    version               bigint       not null default 0
);
create index park_district_idx on park (district_id);

create table firm (
    id                bigint primary key default nextval('id_seq'),
    park_id           bigint       not null references park (id),
    credit_code       char(18)     not null unique,
    name              varchar(200) not null,
    above_size        boolean      not null,
    four_above        varchar(24)  not null,
    industry          varchar(32)  not null,
    registered_staff  integer      not null check (registered_staff >= 0),
    legal_rep         varchar(50)  not null,
    contact_name      varchar(50)  not null,
    contact_phone     varchar(11)  not null,
    address           varchar(300),
    registered_on     date         not null,
    resumed_on        date,
    suspended_since   timestamptz,
    suspended_reason  varchar(300),
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    version           bigint       not null default 0
);
create index firm_park_idx on firm (park_id);

-- The firm as it stood over time, so that figures for a past day use that day's facts. Kept by trigger,
-- so every write path (pages, API, imports, the generator) keeps it alike.
create table firm_history (
    firm_id           bigint       not null references firm (id),
    valid_from        timestamptz  not null,
    valid_to          timestamptz,
    park_id           bigint       not null,
    above_size        boolean      not null,
    four_above        varchar(24)  not null,
    industry          varchar(32)  not null,
    registered_staff  integer      not null,
    resumed_on        date,
    primary key (firm_id, valid_from)
);
create index firm_history_open_idx on firm_history (firm_id) where valid_to is null;

create function firm_history_track() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.park_id = new.park_id and old.above_size = new.above_size
       and old.four_above = new.four_above and old.industry = new.industry
       and old.registered_staff = new.registered_staff
       and old.resumed_on is not distinct from new.resumed_on then
        return new;
    end if;
    update firm_history set valid_to = clock_timestamp() where firm_id = new.id and valid_to is null;
    insert into firm_history (firm_id, valid_from, park_id, above_size, four_above, industry, registered_staff, resumed_on)
    values (new.id, clock_timestamp(), new.park_id, new.above_size, new.four_above, new.industry, new.registered_staff,
            new.resumed_on);
    return new;
end $$;
create trigger firm_history_trg after insert or update on firm for each row execute function firm_history_track();

create table worker (
    id             bigint primary key default nextval('id_seq'),
    firm_id        bigint       not null references firm (id),
    name           varchar(50)  not null,
    resident_id    varchar(18)  not null,
    phone          varchar(11)  not null,
    job            varchar(50),
    status         varchar(12)  not null default 'ACTIVE',
    joined_on      date,
    left_on        date,
    anonymized_at  timestamptz,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now(),
    version        bigint       not null default 0,
    unique (firm_id, resident_id)
);
create index worker_firm_name_idx on worker (firm_id, name);

create table app_user (
    id               bigint primary key default nextval('id_seq'),
    username         varchar(64)  not null unique,
    display_name     varchar(100) not null,
    password_hash    varchar(300),
    role             varchar(24)  not null,
    firm_id          bigint references firm (id),
    email            varchar(200),
    enabled          boolean      not null default true,
    failed_attempts  integer      not null default 0,
    locked_until     timestamptz,
    last_login_at    timestamptz,
    created_at       timestamptz  not null default now(),
    version          bigint       not null default 0,
    check (role in ('FIRM_MANAGER', 'LIAISON', 'ANALYST', 'GUARD', 'ADMIN')),
    check (role <> 'FIRM_MANAGER' or firm_id is not null)
);
create index app_user_firm_idx on app_user (firm_id);

-- A liaison officer covers parks.
create table user_park (
    user_id  bigint not null references app_user (id) on delete cascade,
    park_id  bigint not null references park (id),
    primary key (user_id, park_id)
);
create index user_park_park_idx on user_park (park_id);

-- Append-only audit trail: the trigger below refuses every update, delete and truncate.
create table audit_entry (
    id            bigint primary key default nextval('id_seq'),
    at            timestamptz  not null,
    actor         varchar(64)  not null,
    actor_role    varchar(24),
    object_type   varchar(40)  not null,
    object_id     bigint,
    firm_id       bigint,
    park_id       bigint,
    action        varchar(40)  not null,
    before_state  text,
    after_state   text,
    reason        varchar(1000)
);
create index audit_object_idx on audit_entry (object_type, object_id, at);
create index audit_at_idx on audit_entry (at desc);
create index audit_firm_idx on audit_entry (firm_id, at desc);

create function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only' using errcode = 'insufficient_privilege';
end $$;
create trigger audit_no_update before update or delete on audit_entry
    for each row execute function audit_append_only();
create trigger audit_no_truncate before truncate on audit_entry
    for each statement execute function audit_append_only();

-- In-app notifications; mail is sent besides when SMTP is configured.
create table notification (
    id            bigint primary key default nextval('id_seq'),
    recipient_id  bigint        not null references app_user (id) on delete cascade,
    kind          varchar(40)   not null,
    message_key   varchar(100)  not null,
    args          varchar(2000),
    link          varchar(300),
    created_at    timestamptz   not null,
    read_at       timestamptz
);
create index notification_recipient_idx on notification (recipient_id, created_at desc);

-- Uploaded files (commitment letters, problem attachments), checked by content, not by name.
create table stored_file (
    id             bigint primary key default nextval('id_seq'),
    firm_id        bigint        references firm (id),
    content_type   varchar(100)  not null,
    size_bytes     integer       not null,
    sha256         char(64)      not null,
    original_name  varchar(255)  not null,
    data           bytea         not null,
    created_by     varchar(64)   not null,
    created_at     timestamptz   not null
);
