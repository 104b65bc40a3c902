-- Issue 23.5: a published bulletin is frozen. Issuing one stores its number, its slice, the figures it
-- printed (as "numerator/denominator" per group and figure, to list later revisions against them) and
-- both PDFs byte for byte; nothing here is ever updated.
create table published_bulletin (
    id            bigint primary key,
    year          integer      not null,
    seq           integer      not null,
    day           date         not null,
    district_id   bigint,
    park_id       bigint,
    above_size    boolean,
    four_above    varchar(24),
    industry      varchar(32),
    subject       varchar(300) not null,
    figures       text         not null,
    pdf           bytea        not null,
    pdf_en        bytea        not null,
    generated_at  timestamptz  not null,
    issued_by     varchar(64)  not null,
    unique (year, seq)
);
create index published_bulletin_day_idx on published_bulletin (day desc, id desc);
