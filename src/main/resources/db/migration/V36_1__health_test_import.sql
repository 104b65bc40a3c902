-- Issue 20 (item 1, second half): test results imported from the sampling site's sheet (.xlsx/.csv) by the firm's
-- manager or the park's liaison officer. Like roster_import, the checked file is kept (sealed: it holds resident
-- IDs in clear) so that the import re-reads exactly what the user saw.
create table health_test_import (
    id             bigint primary key default nextval('id_seq'),
    firm_id        bigint       not null references firm (id),
    file_name      varchar(100) not null,
    format         varchar(8)   not null check (format in ('XLSX', 'CSV')),
    content        bytea        not null,
    total_rows     integer      not null,
    valid_rows     integer      not null,
    status         varchar(12)  not null check (status in ('CHECKED', 'IMPORTED')),
    imported_rows  integer,
    positive_rows  integer,
    created_at     timestamptz  not null,
    created_by     varchar(64)  not null,
    imported_at    timestamptz,
    version        bigint       not null default 0
);
create index health_test_import_firm_idx on health_test_import (firm_id, created_at desc);
