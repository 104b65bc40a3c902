-- Roster imports: the uploaded file is kept (at most 20 MB) between the dry run and the import, so that
-- the import re-reads and re-validates exactly what the user saw; rows go straight into worker.
create table roster_import (
    id           bigint primary key default nextval('id_seq'),
    firm_id      bigint       not null references firm (id),
    file_name    varchar(100) not null,
    format       varchar(8)   not null check (format in ('XLSX', 'CSV')),
    content      bytea        not null,
    total_rows   integer      not null,
    valid_rows   integer      not null,
    status       varchar(12)  not null check (status in ('CHECKED', 'IMPORTED')),
    imported_rows integer,
    created_at   timestamptz  not null,
    created_by   varchar(64)  not null,
    imported_at  timestamptz,
    version      bigint       not null default 0
);
create index roster_import_firm_idx on roster_import (firm_id, created_at);

-- Whitelist card applications (白名单卡): a batch of workers for one validity window, reviewed by the
-- park's liaison officer item by item. The batch version guards against two reviewers at once.
create table card_batch (
    id            bigint primary key default nextval('id_seq'),
    firm_id       bigint       not null references firm (id),
    park_id       bigint       not null references park (id),
    valid_from    date         not null,
    valid_to      date         not null,
    status        varchar(12)  not null check (status in ('SUBMITTED', 'DECIDED')),
    item_count    integer      not null,
    submitted_at  timestamptz  not null,
    submitted_by  varchar(64)  not null,
    decided_at    timestamptz,
    decided_by    varchar(64),
    version       bigint       not null default 0,
    check (valid_to >= valid_from)
);
create index card_batch_park_idx on card_batch (park_id, status);
create index card_batch_firm_idx on card_batch (firm_id);

create table card_batch_item (
    id         bigint primary key default nextval('id_seq'),
    batch_id   bigint       not null references card_batch (id),
    worker_id  bigint       not null references worker (id),
    status     varchar(12)  not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    reason     varchar(300),
    permit_id  bigint, -- the permit table (V6_1) is created after this migration: no foreign key
    unique (batch_id, worker_id)
);

-- Vehicle passes (车辆通行证 / 物资接驳): one application per vehicle, driver and route.
create table vehicle_pass (
    id                     bigint primary key default nextval('id_seq'),
    firm_id                bigint       not null references firm (id),
    park_id                bigint       not null references park (id),
    plate                  varchar(10)  not null,
    vehicle_type           varchar(16)  not null,
    driver_name            varchar(50)  not null,
    driver_resident_id     varchar(18)  not null,
    driver_phone           varchar(11)  not null,
    co_driver_name         varchar(50),
    co_driver_resident_id  varchar(18),
    co_driver_phone        varchar(11),
    origin                 varchar(200) not null,
    destination            varchar(200) not null,
    transfer_point         varchar(200),
    cargo                  varchar(300) not null,
    purpose                varchar(20)  not null check (purpose in ('MATERIALS_IN', 'PRODUCTS_OUT')),
    valid_from             date         not null,
    valid_to               date         not null,
    status                 varchar(12)  not null check (status in ('SUBMITTED', 'APPROVED', 'REJECTED')),
    reject_reason          varchar(300),
    permit_id              bigint,
    submitted_at           timestamptz  not null,
    submitted_by           varchar(64)  not null,
    decided_at             timestamptz,
    decided_by             varchar(64),
    version                bigint       not null default 0,
    check (valid_to >= valid_from)
);
create index vehicle_pass_park_idx on vehicle_pass (park_id, status);
create index vehicle_pass_firm_idx on vehicle_pass (firm_id);
