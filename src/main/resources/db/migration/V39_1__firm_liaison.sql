-- Issue 18, item 5: one firm, one named liaison officer (一企一专员). A firm has at most one assigned liaison
-- (the primary key); a liaison officer may have many firms. For a liaison officer without parks (user_park) these
-- rows are their whole read scope; for a park-wide one they only route the firm's queue and notifications.
create table firm_liaison (
    firm_id      bigint primary key references firm (id) on delete cascade,
    user_id      bigint       not null references app_user (id) on delete cascade,
    assigned_at  timestamptz  not null,
    assigned_by  varchar(64)  not null
);
create index firm_liaison_user_idx on firm_liaison (user_id);
