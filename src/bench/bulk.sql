-- Fixtures of the bulk benchmarks (src/bench/bulk.sh) on a copy of the city; idempotent, run before each
-- bulk phase. Adds to park BP01:
--   * bench-liaison: the park's liaison officer (the approval queue of the 10,000 pending cards);
--   * firm 压测批量打印企业 with 1,000 workers, one DECIDED card batch of 1,000 APPROVED items and their
--     1,000 ACTIVE CARD permits (the city's batches hold at most 50), and its manager bench-print-mgr.
-- Every user gets the password of the city's users (loopgate123): the hash is copied from bench-analyst.
\set ON_ERROR_STOP on

-- GB 32100 / GB 11643 check characters, as in generate-city.sql (shared.validation.Identifiers).
create or replace function pg_temp.credit_check(first17 text) returns char language sql immutable as $$
    select substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                  ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
                               * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) % 31) % 31)::int + 1, 1)
    from generate_series(1, 17) i $$;
create or replace function pg_temp.resident_check(first17 text) returns char language sql immutable as $$
    select substr('10X98765432',
                  (sum(substr(first17, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
    from generate_series(1, 17) i $$;

begin;
insert into app_user (username, display_name, password_hash, role)
select 'bench-liaison', '压测联络员', password_hash, 'LIAISON' from app_user where username = 'bench-analyst'
on conflict (username) do nothing;
insert into user_park (user_id, park_id)
select u.id, p.id from app_user u, park p where u.username = 'bench-liaison' and p.code = 'BP01'
on conflict do nothing;

-- The print firm, once.
create temp table print_firm as select '91510100' || lpad('900001', 9, '0') as first17;
insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, legal_rep,
                  contact_name, contact_phone, address, registered_on, resumed_on)
select p.id, f.first17 || pg_temp.credit_check(f.first17), '压测批量打印企业有限公司', true, 'INDUSTRY', 'ELECTRONICS',
       1000, '法人批量', '联系人批量', '13900900001', '压测路900001号', current_date - 400, current_date - 60
from print_firm f, park p
where p.code = 'BP01' and not exists (select 1 from firm where credit_code = f.first17 || pg_temp.credit_check(f.first17));

create temp table pf as
select f.id, f.park_id from firm f, print_firm x where f.credit_code = x.first17 || pg_temp.credit_check(x.first17);

-- Its 1,000 workers, once. Resident IDs are sealed at rest: the clear IDs go to a staging table, which
-- src/bench/SealResidentIds.java seals with the portal's keys (psql's \! runs it between two transactions).
commit;
drop table if exists bench_resident_stage, bench_resident_sealed;
create unlogged table bench_resident_stage (key bigint primary key, clear varchar(18) not null);
create unlogged table bench_resident_sealed (key bigint primary key, enc varchar(120) not null, idx varchar(64) not null,
                                             tail varchar(64));
create temp table wgen as
select nextval('id_seq') as id, pf.id as firm_id, k, w.first17 || pg_temp.resident_check(w.first17) as resident_id
from pf cross join generate_series(1, 1000) k
cross join lateral (select '110101' || to_char(date '1975-01-01' + k, 'YYYYMMDD') || '017' as first17) w
where not exists (select 1 from worker where firm_id = pf.id);
insert into bench_resident_stage (key, clear) select id, resident_id from wgen;
\! $BENCH_SEAL seal > /dev/null
begin;
insert into worker (id, firm_id, name, resident_id_enc, resident_id_index, resident_id_tail, phone, job, joined_on)
select w.id, w.firm_id, '批量员工' || w.k, s.enc, s.idx, s.tail, '139' || lpad(w.k::text, 8, '0'), '装配工', date '2020-03-01'
from wgen w join bench_resident_sealed s on s.key = w.id;

-- One batch of all 1,000 workers, approved, each with an ACTIVE card valid from yesterday for 30 days.
create temp table pb as
select nextval('id_seq') as id, pf.id as firm_id, pf.park_id from pf
where not exists (select 1 from card_batch where firm_id = pf.id);
insert into card_batch (id, firm_id, park_id, valid_from, valid_to, status, item_count, submitted_at, submitted_by,
                        decided_at, decided_by)
select id, firm_id, park_id, current_date - 1, current_date + 29, 'DECIDED', 1000, now() - interval '2 days',
       'bench-print-mgr', now() - interval '1 day', 'bench-liaison'
from pb;
create temp table pk as
select w.id as worker_id, w.name, st.clear as resident_id, pb.id as batch_id, pb.firm_id, pb.park_id, nextval('id_seq') as permit_id,
       row_number() over (order by w.id) as seq
from pb join worker w on w.firm_id = pb.firm_id join bench_resident_stage st on st.key = w.id;
insert into permit (id, type, number, firm_id, park_id, subject_id, holder_name, holder_digest, valid_from, valid_to,
                    status, issued_at, issued_by)
select permit_id, 'CARD', 'WL-BP01-B' || lpad(seq::text, 7, '0'), firm_id, park_id, worker_id, name,
       encode(sha256(convert_to('CARD:' || resident_id, 'UTF8')), 'hex'),
       now() - interval '1 day', now() + interval '29 days', 'ACTIVE', now() - interval '1 day', 'bench-liaison'
from pk;
insert into card_batch_item (batch_id, worker_id, status, permit_id)
select batch_id, worker_id, 'APPROVED', permit_id from pk;

insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-print-mgr', '压测打印经理', u.password_hash, 'FIRM_MANAGER', pf.id
from pf, app_user u where u.username = 'bench-analyst'
on conflict (username) do nothing;
commit;
drop table bench_resident_stage, bench_resident_sealed;

select (select count(*) from permit p join pf on p.firm_id = pf.id where p.type = 'CARD' and p.status = 'ACTIVE') as print_cards,
       (select count(*) from card_batch_item i join card_batch b on b.id = i.batch_id join park p on p.id = b.park_id
        where p.code = 'BP01' and i.status = 'PENDING') as bp01_pending;
