-- Issue 18.4: firms register themselves on a public page; the park's liaison confirms (the firm and the
-- manager's account are made then) or refuses with a reason. At most one PENDING registration per credit
-- code and per phone (partial unique indexes: two nodes or two tabs cannot both slip in). The password is
-- kept only as its PBKDF2 hash, and only while PENDING; the source address only counts submissions
-- against the per-address limits.
create table firm_registration (
    id               bigint primary key default nextval('id_seq'),
    park_id          bigint       not null references park (id),
    credit_code      varchar(18)  not null,
    name             varchar(200) not null,
    above_size       boolean      not null,
    four_above       varchar(24)  not null,
    industry         varchar(32)  not null,
    registered_staff integer      not null,
    legal_rep        varchar(50)  not null,
    contact_name     varchar(50)  not null,
    contact_phone    varchar(11)  not null,
    email            varchar(200),
    address          varchar(300),
    username         varchar(64)  not null,
    password_hash    varchar(300),
    licence_file_id  bigint       not null references stored_file (id),
    status           varchar(12)  not null check (status in ('PENDING', 'CONFIRMED', 'REFUSED')),
    reason           varchar(500),
    source_address   varchar(64)  not null,
    submitted_at     timestamptz  not null,
    decided_at       timestamptz,
    decided_by       varchar(64),
    firm_id          bigint references firm (id),
    user_id          bigint references app_user (id),
    version          bigint       not null default 0
);
create unique index firm_registration_pending_code_idx on firm_registration (credit_code) where status = 'PENDING';
create unique index firm_registration_pending_phone_idx on firm_registration (contact_phone) where status = 'PENDING';
create unique index firm_registration_pending_user_idx on firm_registration (lower(username)) where status = 'PENDING';
create index firm_registration_queue_idx on firm_registration (park_id, status, submitted_at);
create index firm_registration_source_idx on firm_registration (source_address, submitted_at);
create index firm_registration_code_idx on firm_registration (credit_code);
create index firm_registration_phone_idx on firm_registration (contact_phone);
