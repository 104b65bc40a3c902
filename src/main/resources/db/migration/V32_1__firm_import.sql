-- Issue 18.2: firm lists imported from .xlsx/.csv by administrators (and liaison officers within their parks).
-- Like roster_import, the checked file is kept so that the import re-reads exactly what the user saw; an
-- import belongs to whoever checked it (created_by), who alone (or an administrator) may import it.
create table firm_import (
    id            bigint primary key default nextval('id_seq'),
    file_name     varchar(100) not null,
    format        varchar(8)   not null check (format in ('XLSX', 'CSV')),
    content       bytea        not null,
    total_rows    integer      not null,
    valid_rows    integer      not null,
    status        varchar(12)  not null check (status in ('CHECKED', 'IMPORTED')),
    imported_rows integer,
    invited       integer,
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null,
    imported_at   timestamptz,
    version       bigint       not null default 0
);
create index firm_import_creator_idx on firm_import (created_by, created_at);
