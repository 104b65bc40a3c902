-- City-scale data for benchmarks (issue 9), set-based, through the application's own schema (Flyway
-- must have run). Run by src/bench/generate-city.sh; expects an empty schema (no firms).
-- Deterministic: setseed below. Days: the 90 days ending yesterday (Asia/Shanghai).
\set ON_ERROR_STOP on
\timing on
select setseed(0.42);
-- Scale (psql -v scale=..., generate-city.sh: BENCH_SCALE; default 1 = the city): firms, workers, vehicle passes
-- and problems are multiplied by it (0.01 for a quick check, 10 for a province); the 10,000 pending cards stay.
\if :{?scale}
\else
\set scale 1
\endif
select greatest(30, round(20000 * :scale))::int as firms, greatest(30, round(1000000 * :scale))::int as staff,
       greatest(10, round(50000 * :scale))::int as passes, greatest(9, round(45000 * :scale))::int as approved_passes,
       greatest(6, round(5000 * :scale))::int as problems
\gset

-- ---- check characters in SQL ------------------------------------------------------------------------
-- GB 32100 (unified social credit code): 18th character for the first 17.
create or replace function pg_temp.credit_check(first17 text) returns char language sql immutable as $$
    select substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                  ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
                               * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) % 31) % 31)::int + 1, 1)
    from generate_series(1, 17) i $$;
-- GB 11643 (resident identity number): 18th character for the first 17.
create or replace function pg_temp.resident_check(first17 text) returns char language sql immutable as $$
    select substr('10X98765432',
                  (sum(substr(first17, i, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
    from generate_series(1, 17) i $$;

create temp table gen as
select (now() at time zone 'Asia/Shanghai')::date - 1  as last_day,
       (now() at time zone 'Asia/Shanghai')::date - 90 as first_day;

-- ---- districts and parks: 6 x 5 --------------------------------------------------------------------
insert into district (code, name, name_en)
select 'BD' || d, '压测区' || d, 'Bench district ' || d from generate_series(1, 6) d;
insert into park (district_id, code, name, name_en, suspend_after_missed)
select (select id from district where code = 'BD' || ((p - 1) / 5 + 1)), 'BP' || lpad(p::text, 2, '0'),
       '压测园区' || p, 'Bench park ' || p, null
from generate_series(1, 30) p;

-- ---- firms: 20,000; Pareto-like sizes scaled to 1,000,000 registered staff in total ------------------
create temp table f0 as
select n, least(8000, floor(6 * power(1 - random() * 0.99995, -0.85)))::int as raw_staff,
       random() as r_park, random() as r_res, random() as r_kind
from generate_series(1, :firms) n;
create temp table f1 as
select n, raw_staff, greatest(1, round(raw_staff * :staff::numeric / sum(raw_staff) over ()))::int as staff, r_park, r_res, r_kind
from f0;
-- Rounding drift goes to the largest firm so that the total is exactly 1,000,000.
update f1 set staff = staff + (:staff - (select sum(staff) from f1))
where n = (select n from f1 order by staff desc, n limit 1);

alter table firm disable trigger firm_history_trg;
insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, legal_rep,
                  contact_name, contact_phone, address, registered_on, resumed_on, created_at, updated_at)
select (select id from park where code = 'BP' || lpad((1 + (n % 30))::text, 2, '0')),
       c.first17 || pg_temp.credit_check(c.first17),
       '压测企业' || n || '有限公司',
       staff >= 100,
       case when staff >= 100 then (array['INDUSTRY','CONSTRUCTION','REAL_ESTATE','TRADE_CATERING','SERVICES'])[1 + (n % 5)]
            else 'NONE' end,
       (array['ELECTRONICS','MACHINERY','AUTOMOTIVE','CHEMICALS','PHARMACEUTICALS','TEXTILES','FOOD','METALS',
              'BUILDING_MATERIALS','LOGISTICS','CONSTRUCTION','SERVICES','OTHER'])[1 + (n % 13)],
       staff, '法人' || n, '联系人' || n, '139' || lpad(n::text, 8, '0'), '压测路' || n || '号',
       g.first_day - 365,
       case when r_res < 0.60 then g.first_day - 1 - (n % 20)                 -- resumed before the period
            when r_res < 0.95 then g.first_day + (floor(r_kind * 80))::int    -- resumes during it
            else null end,                                                     -- never resumed
       (g.first_day - 30)::timestamp at time zone 'Asia/Shanghai',
       (g.first_day - 30)::timestamp at time zone 'Asia/Shanghai'
from f1 cross join gen g
cross join lateral (select '91510100' || lpad(n::text, 9, '0') as first17) c
order by n;
alter table firm enable trigger firm_history_trg;

-- firm_history set-based (the row trigger is off during the bulk insert: it would stamp every row with
-- now(), and a firm created "now" does not count on past days by docs/metrics.md). Firms resuming during
-- the period get two rows: before and after the plan approval.
insert into firm_history (firm_id, valid_from, valid_to, park_id, above_size, four_above, industry, registered_staff, resumed_on)
select f.id, f.created_at,
       case when f.resumed_on >= g.first_day then f.resumed_on::timestamp at time zone 'Asia/Shanghai' end,
       f.park_id, f.above_size, f.four_above, f.industry, f.registered_staff,
       case when f.resumed_on >= g.first_day then null else f.resumed_on end
from firm f cross join gen g;
insert into firm_history (firm_id, valid_from, valid_to, park_id, above_size, four_above, industry, registered_staff, resumed_on)
select f.id, f.resumed_on::timestamp at time zone 'Asia/Shanghai', null,
       f.park_id, f.above_size, f.four_above, f.industry, f.registered_staff, f.resumed_on
from firm f cross join gen g where f.resumed_on >= g.first_day;

-- ---- workers: 1,000,000 with valid resident IDs (unique: birth day and sequence from the number) -----
-- Resident IDs are sealed at rest (docs/security.md, "Personal data at rest"): the clear IDs go to a staging
-- table keyed by the worker's id, src/bench/SealResidentIds.java seals them with the portal's keys (the
-- generate-city.sh step between the two halves of this script: "\! $BENCH_SEAL"), and the rows are written with
-- the sealed value and its blind indexes. The staging table also gives the cards' holder digests below.
drop table if exists bench_resident_stage, bench_resident_sealed;
create unlogged table bench_resident_stage (key bigint primary key, clear varchar(18) not null);
create unlogged table bench_resident_sealed (key bigint primary key, enc varchar(120) not null, idx varchar(64) not null,
                                             tail varchar(64));
create temp table wgen as
select nextval('id_seq') as id, w.firm_id, w.k, w.first17 || pg_temp.resident_check(w.first17) as resident_id
from (select f.id as firm_id, k,
             '510104' || to_char(date '1965-01-01' + (k % 12000)::int, 'YYYYMMDD') || lpad(((k / 12000) % 1000)::text, 3, '0') as first17
      from (select id, registered_staff, sum(registered_staff) over (order by id) - registered_staff as base from firm) f
      cross join lateral generate_series(f.base + 1, f.base + f.registered_staff) k) w;
insert into bench_resident_stage (key, clear) select id, resident_id from wgen;

-- ---- vehicle passes' drivers (the passes themselves are made further down) ----------------------------
create temp table fn as select row_number() over (order by id) as fno, id, park_id from firm;
create index on fn (fno);
create temp table vp as
select n, nextval('id_seq') as id, case when n <= :approved_passes then nextval('id_seq') end as permit_id,
       f.id as firm_id, f.park_id, p.code as park_code,
       '川A' || lpad((n - 1)::text, 5, '0') as plate,
       '510104' || to_char(date '1970-01-01' + (n % 9000), 'YYYYMMDD') || lpad((n / 9000)::text, 3, '0') as id17
from generate_series(1, :passes) n
join fn f on f.fno = 1 + (n * 7) % :firms
join park p on p.id = f.park_id;
insert into bench_resident_stage (key, clear) select id, id17 || pg_temp.resident_check(id17) from vp;

\echo sealing resident IDs (src/bench/SealResidentIds.java)
\! $BENCH_SEAL seal
analyze bench_resident_sealed;

insert into worker (id, firm_id, name, resident_id_enc, resident_id_index, resident_id_tail, phone, job, joined_on,
                    created_at, updated_at)
select w.id, w.firm_id, '员工' || w.k, s.enc, s.idx, s.tail,
       '13' || lpad((w.k % 1000000000)::text, 9, '0'), '操作工', date '2019-01-01', now(), now()
from wgen w join bench_resident_sealed s on s.key = w.id
order by w.id;

-- ---- daily reports: 90 days, 3-10 % missing and 2-5 % late per day ----------------------------------
create temp table day_rate as
select d::date as day, 0.03 + 0.07 * random() as miss, 0.02 + 0.03 * random() as late
from gen, generate_series(gen.first_day, gen.last_day, interval '1 day') d;

insert into daily_report (firm_id, park_id, report_date, submitted_at, submitted_by, late, zero_report, staff_on_site,
                          registered_staff, temperature_checks, tests_done, abnormal_details, production_status, capacity_pct)
select x.id, x.park_id, x.day,
       (x.day + case when x.is_late then time '14:00' else time '08:30' end)::timestamp at time zone 'Asia/Shanghai',
       'generator', x.is_late, not x.abnormal,
       case when x.stopped then floor(x.registered_staff * 0.05)::int else floor(x.registered_staff * (0.55 + 0.45 * x.r2))::int end,
       x.registered_staff, x.registered_staff, floor(x.registered_staff * 0.1)::int,
       case when x.abnormal then '体温异常1人' end,
       case when x.stopped then 'STOPPED' when x.r2 < 0.2 then 'PARTIAL' else 'NORMAL' end,
       case when x.stopped then 0 else (50 + floor(x.r2 * 60))::int end
from (select f.id, f.park_id, f.registered_staff, dr.day,
             (f.resumed_on is null or dr.day < f.resumed_on) as stopped,
             r < dr.miss + dr.late as is_late, r2, r3 < 0.01 as abnormal, r as r_skip, dr.miss
      from (select f.*, dr.day as d, random() as r, random() as r2, random() as r3
            from firm f cross join day_rate dr offset 0) f
      join day_rate dr on dr.day = f.d) x
where x.r_skip >= x.miss
-- Day by day, as filings arrive in real life: a day's reports share pages (a firm-major order scatters
-- them over the whole table and a city day then reads ~20,000 pages; see docs/performance.md).
order by x.day, x.id;

-- ---- whitelist cards: 200,000 approved (permits + batches of up to 50), 10,000 pending in park BP01 ---
create temp table pick as
select w.id as worker_id, w.name, st.clear as resident_id, w.firm_id, f.park_id, p.code as park_code,
       (row_number() over (partition by w.firm_id order by w.id) - 1) / 50 as chunk,
       row_number() over (order by w.id) as seq
from (select *, row_number() over (order by id) as rn from worker) w
join bench_resident_stage st on st.key = w.id
join firm f on f.id = w.firm_id join park p on p.id = f.park_id
where w.rn % 5 = 0;
create temp table batch as
select nextval('id_seq') as id, firm_id, park_id, chunk, count(*) as items
from pick group by firm_id, park_id, chunk;
insert into card_batch (id, firm_id, park_id, valid_from, valid_to, status, item_count, submitted_at, submitted_by, decided_at, decided_by)
select b.id, b.firm_id, b.park_id, g.last_day - 10, g.last_day + 20, 'DECIDED', b.items,
       (g.last_day - 12)::timestamp at time zone 'Asia/Shanghai', 'generator',
       (g.last_day - 11)::timestamp at time zone 'Asia/Shanghai', 'generator'
from batch b cross join gen g;
alter table pick add column permit_id bigint default nextval('id_seq');
insert into permit (id, type, number, firm_id, park_id, subject_id, holder_name, holder_digest, valid_from, valid_to,
                    status, issued_at, issued_by)
select k.permit_id, 'CARD', 'WL-' || k.park_code || '-G' || lpad(k.seq::text, 7, '0'), k.firm_id, k.park_id, k.worker_id,
       k.name, encode(sha256(convert_to('CARD:' || k.resident_id, 'UTF8')), 'hex'),
       (g.last_day - 10)::timestamp at time zone 'Asia/Shanghai', (g.last_day + 21)::timestamp at time zone 'Asia/Shanghai',
       'ACTIVE', (g.last_day - 11)::timestamp at time zone 'Asia/Shanghai', 'generator'
from pick k cross join gen g;
insert into card_batch_item (batch_id, worker_id, status, permit_id)
select b.id, k.worker_id, 'APPROVED', k.permit_id
from pick k join batch b on b.firm_id = k.firm_id and b.chunk = k.chunk;

create temp table pend as
select w.id as worker_id, w.firm_id, f.park_id,
       (row_number() over (partition by w.firm_id order by w.id) - 1) / 50 as chunk
from (select *, row_number() over (order by id) as rn from worker) w
join firm f on f.id = w.firm_id join park p on p.id = f.park_id
where p.code = 'BP01' and w.rn % 5 in (1, 2)
limit 10000;
create temp table pbatch as
select nextval('id_seq') as id, firm_id, park_id, chunk, count(*) as items from pend group by firm_id, park_id, chunk;
insert into card_batch (id, firm_id, park_id, valid_from, valid_to, status, item_count, submitted_at, submitted_by)
select b.id, b.firm_id, b.park_id, g.last_day + 1, g.last_day + 30, 'SUBMITTED', b.items,
       (g.last_day)::timestamp at time zone 'Asia/Shanghai', 'generator'
from pbatch b cross join gen g;
insert into card_batch_item (batch_id, worker_id, status)
select b.id, k.worker_id, 'PENDING' from pend k join pbatch b on b.firm_id = k.firm_id and b.chunk = k.chunk;

-- ---- vehicle passes: 50,000 (45,000 approved with permits, 5,000 submitted); drivers sealed above ------
insert into permit (id, type, number, firm_id, park_id, subject_id, holder_name, holder_digest, valid_from, valid_to,
                    status, issued_at, issued_by)
select v.permit_id, 'PASS', 'VP-' || v.park_code || '-G' || lpad(v.n::text, 7, '0'), v.firm_id, v.park_id, v.id,
       v.plate, encode(sha256(convert_to('PASS:' || v.plate, 'UTF8')), 'hex'),
       (g.last_day - 5)::timestamp at time zone 'Asia/Shanghai', (g.last_day + 25)::timestamp at time zone 'Asia/Shanghai',
       'ACTIVE', (g.last_day - 6)::timestamp at time zone 'Asia/Shanghai', 'generator'
from vp v cross join gen g where v.permit_id is not null;
insert into vehicle_pass (id, firm_id, park_id, plate, vehicle_type, driver_name, driver_resident_id_enc, driver_phone,
                          origin, destination, cargo, purpose, valid_from, valid_to, status, permit_id,
                          submitted_at, submitted_by, decided_at, decided_by)
select v.id, v.firm_id, v.park_id, v.plate, (array['TRUCK','VAN','COLD_CHAIN','CAR'])[1 + v.n % 4], '司机' || v.n,
       s.enc, '137' || lpad(v.n::text, 8, '0'),
       '成都市青白江区', '压测园区', '原材料', case when v.n % 2 = 0 then 'MATERIALS_IN' else 'PRODUCTS_OUT' end,
       g.last_day - 5, g.last_day + 24, case when v.permit_id is null then 'SUBMITTED' else 'APPROVED' end, v.permit_id,
       (g.last_day - 7)::timestamp at time zone 'Asia/Shanghai', 'generator',
       case when v.permit_id is not null then (g.last_day - 6)::timestamp at time zone 'Asia/Shanghai' end,
       case when v.permit_id is not null then 'generator' end
from vp v join bench_resident_sealed s on s.key = v.id cross join gen g;
select setval('permit_number_seq', 1000000);

-- ---- problems: 5,000 ----------------------------------------------------------------------------------
insert into problem (firm_id, park_id, category, urgency, description, status, raised_by, raised_at, acknowledge_due,
                     resolve_due, acknowledged_at, resolved_at, closed_at, resolution, updated_at)
select f.id, f.park_id,
       (array['MATERIALS_IN','PRODUCTS_OUT','STAFFING','TESTING','SUPPLIES','OTHER'])[1 + n % 6],
       (array['URGENT','HIGH','NORMAL','NORMAL'])[1 + n % 4],
       '压测问题' || n || '：原材料运输受阻',
       s.status, 'generator', t.raised, t.raised + interval '4 hours', t.raised + interval '3 days',
       case when s.status <> 'RAISED' then t.raised + interval '2 hours' end,
       case when s.status in ('RESOLVED', 'CLOSED') then t.raised + interval '2 days' end,
       case when s.status = 'CLOSED' then t.raised + interval '2 days 4 hours' end,
       case when s.status in ('RESOLVED', 'CLOSED') then '已协调解决' end,
       t.raised
from generate_series(1, :problems) n
join fn f on f.fno = 1 + (n * 13) % :firms
cross join gen g
cross join lateral (select (g.first_day + (n % 90))::timestamp at time zone 'Asia/Shanghai' + interval '9 hours' as raised) t
cross join lateral (select (array['RAISED','ACKNOWLEDGED','RESOLVED','CLOSED','CLOSED','CLOSED'])[1 + n % 6] as status) s;

-- ---- users: an analyst, a guard, an admin, BP01's liaison and 200 managers of the first 200 firms -----
-- :hash is one PBKDF2 hash of the benchmark password, computed by the script (same format as the portal's).
insert into app_user (username, display_name, password_hash, role)
values ('bench-analyst', 'Bench analyst', :'hash', 'ANALYST'),
       ('bench-guard', 'Bench guard', :'hash', 'GUARD'),
       ('bench-admin', 'Bench admin', :'hash', 'ADMIN'),
       ('bench-liaison', '压测联络员', :'hash', 'LIAISON');
-- The liaison officer of park BP01, where the 10,000 pending cards wait (the approval queue benchmark).
insert into user_park (user_id, park_id)
select u.id, p.id from app_user u, park p where u.username = 'bench-liaison' and p.code = 'BP01';
insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-mgr-' || lpad(row_number() over (order by id)::text, 3, '0'), '压测经理', :'hash', 'FIRM_MANAGER', id
from (select id from firm order by id limit 200) f;

-- The stored IDs open with the portal's keys to the generated ones and are found by their blind index.
\! $BENCH_SEAL check
drop table bench_resident_stage, bench_resident_sealed;

analyze;
select (select count(*) from district) districts, (select count(*) from park) parks, (select count(*) from firm) firms,
       (select count(*) from firm_history) history, (select count(*) from worker) workers,
       (select count(*) from daily_report) reports, (select count(*) from permit where type = 'CARD') cards,
       (select count(*) from card_batch_item where status = 'PENDING') pending_cards,
       (select count(*) from vehicle_pass) passes, (select count(*) from problem) problems;
