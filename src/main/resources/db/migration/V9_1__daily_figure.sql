-- Dashboard (issue 9): the figures of CLOSED days, pre-aggregated per (day, park, counting attributes).
-- A day D is closed for a park once the end of D in the park's time zone has passed: by docs/metrics.md the
-- firm facts valid then never change afterwards, only that day's reports can (late filings, corrections,
-- deletions). Every write that could change the figures of a stored (day, park) bumps its generation; the
-- dashboard uses stored rows only while built_gen = gen and recomputes a (day, park) otherwise
-- (cn.loopgate.dashboard.DailyFigures explains the protocol).

-- One row per (day, park) whose aggregate exists or is being built. Created only for closed days. Besides the
-- generations it holds the park-day's totals (the sums of its daily_figure rows), which serve every slice
-- without a size class, category or industry filter (a 90-day city trend reads 2,700 rows, not 70,000).
create table daily_figure_stamp (
    day        date        not null,
    park_id    bigint      not null references park (id) on delete cascade,
    gen        bigint      not null default 0,   -- bumped by every write that may change the figures
    built_gen  bigint,                           -- the generation the stored rows were computed at
    built_at   timestamptz,
    firms      bigint, resumed bigint, on_site bigint, staff bigint, cap bigint, due bigint, on_time bigint,
    reported   bigint, late bigint, abnormal bigint, stopped bigint,
    asof       timestamptz,                      -- null when the park had no firms that day
    primary key (day, park_id)
);
create index daily_figure_stamp_park_idx on daily_figure_stamp (park_id, day);

-- The counters of docs/metrics.md (FigureSql.AGGREGATES) per (day, park, size class, category, industry).
create table daily_figure (
    day         date         not null,
    park_id     bigint       not null,
    above_size  boolean      not null,
    four_above  varchar(24)  not null,
    industry    varchar(32)  not null,
    gen         bigint       not null,
    firms       bigint       not null,
    resumed     bigint       not null,
    on_site     bigint       not null,
    staff       bigint       not null,
    cap         bigint       not null,
    due         bigint       not null,
    on_time     bigint       not null,
    reported    bigint       not null,
    late        bigint       not null,
    abnormal    bigint       not null,
    stopped     bigint       not null,
    asof        timestamptz  not null,
    primary key (day, park_id, above_size, four_above, industry)
);

-- Invalidation. Writers take a SHARED advisory lock on the park (key space 9001, park id), so they never wait
-- for each other; a reader that creates stamps takes it EXCLUSIVE first, which waits until every writer that may
-- have missed the (not yet existing) stamp has committed. A writer after that sees the stamp and bumps it.
create function daily_figure_bump(p_park bigint, p_from date, p_to date) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock_shared(9001, cast(p_park % 2147483647 as integer));
    update daily_figure_stamp set gen = gen + 1 where park_id = p_park and day between p_from and p_to;
end $$;

-- Reports: bump (report_date, every park the firm belonged to around that day). A day that has not ended even
-- in UTC+14 an hour from now cannot have a stamp yet (stamps need the day closed by the database's clock too),
-- so today's filings — the hot path — skip the lock and the update entirely. (A filing transaction that lasts
-- over an hour across a day's end would slip through; the statement timeout is 60 s.)
create function daily_figure_reports_changed() returns trigger language plpgsql as $$
declare
    k record;
    open_from date := ((clock_timestamp() + interval '1 hour') at time zone 'Etc/GMT-14')::date;
    past boolean := false;
begin
    -- The cheap test first (the transition table of a filing holds one row); the join only for past days.
    if tg_op <> 'DELETE' then
        past := exists (select 1 from new_rows where report_date < open_from);
    end if;
    if tg_op <> 'INSERT' and not past then
        past := exists (select 1 from old_rows where report_date < open_from);
    end if;
    if not past then
        return null;
    end if;
    if tg_op = 'INSERT' then
        for k in select distinct h.park_id, n.report_date from new_rows n
                   join firm_history h on h.firm_id = n.firm_id and h.valid_from < n.report_date + 3
                    and (h.valid_to is null or h.valid_to > n.report_date - 2)
                  where n.report_date < open_from order by 1, 2 loop
            perform daily_figure_bump(k.park_id, k.report_date, k.report_date);
        end loop;
    elsif tg_op = 'DELETE' then
        for k in select distinct h.park_id, o.report_date from old_rows o
                   join firm_history h on h.firm_id = o.firm_id and h.valid_from < o.report_date + 3
                    and (h.valid_to is null or h.valid_to > o.report_date - 2)
                  where o.report_date < open_from order by 1, 2 loop
            perform daily_figure_bump(k.park_id, k.report_date, k.report_date);
        end loop;
    else
        for k in select distinct h.park_id, c.report_date
                   from (select firm_id, report_date from new_rows union select firm_id, report_date from old_rows) c
                   join firm_history h on h.firm_id = c.firm_id and h.valid_from < c.report_date + 3
                    and (h.valid_to is null or h.valid_to > c.report_date - 2)
                  where c.report_date < open_from order by 1, 2 loop
            perform daily_figure_bump(k.park_id, k.report_date, k.report_date);
        end loop;
    end if;
    return null;
end $$;
create trigger daily_figure_report_ins after insert on daily_report referencing new table as new_rows
    for each statement execute function daily_figure_reports_changed();
create trigger daily_figure_report_upd after update on daily_report referencing old table as old_rows new table as new_rows
    for each statement execute function daily_figure_reports_changed();
create trigger daily_figure_report_del after delete on daily_report referencing old table as old_rows
    for each statement execute function daily_figure_reports_changed();

-- Bumps the park's days whose end (24:00 in the park's time zone) is at or after p_since: those are the days
-- on which a history row starting or ending at p_since is (or was) valid.
create function daily_figure_bump_since(p_park bigint, p_since timestamptz) returns void language plpgsql as $$
declare
    tz text;
begin
    if p_since is null then
        return;
    end if;
    select time_zone into tz from park where id = p_park;
    perform daily_figure_bump(p_park, ((p_since - interval '1 second') at time zone coalesce(tz, 'Etc/GMT-14'))::date,
                              'infinity');
end $$;

-- History: the trigger on firm stamps changes "now", which touches no closed day; back-dated edits (tests, data
-- repairs) bump every day from the earliest instant they change.
create function daily_figure_history_changed() returns trigger language plpgsql as $$
declare
    since timestamptz;
begin
    if tg_op = 'INSERT' then
        perform daily_figure_bump_since(new.park_id, new.valid_from);
    elsif tg_op = 'DELETE' then
        perform daily_figure_bump_since(old.park_id, old.valid_from);
    elsif (old.firm_id, old.park_id, old.above_size, old.four_above, old.industry, old.registered_staff, old.resumed_on)
          is distinct from
          (new.firm_id, new.park_id, new.above_size, new.four_above, new.industry, new.registered_staff, new.resumed_on) then
        perform daily_figure_bump_since(old.park_id, least(old.valid_from, new.valid_from));
        if new.park_id <> old.park_id then
            perform daily_figure_bump_since(new.park_id, least(old.valid_from, new.valid_from));
        end if;
    else
        -- Same facts, another validity: only the instants between the old and the new bounds change.
        since := least(case when old.valid_from <> new.valid_from then least(old.valid_from, new.valid_from) end,
                       case when old.valid_to is distinct from new.valid_to
                            then least(coalesce(old.valid_to, 'infinity'), coalesce(new.valid_to, 'infinity')) end);
        perform daily_figure_bump_since(new.park_id, since);
    end if;
    return null;
end $$;
create trigger daily_figure_history_trg after insert or update or delete on firm_history
    for each row execute function daily_figure_history_changed();

-- registered_on decides whether a firm counts on a day. Nothing in the application changes it after creation
-- (Firm has no setter); direct SQL might, so it invalidates too.
create function daily_figure_firm_changed() returns trigger language plpgsql as $$
declare
    p bigint;
begin
    for p in select distinct park_id from firm_history where firm_id = new.id order by 1 loop
        perform daily_figure_bump(p, least(old.registered_on, new.registered_on), 'infinity');
    end loop;
    return null;
end $$;
create trigger daily_figure_firm_trg after update of registered_on on firm for each row
    when (old.registered_on is distinct from new.registered_on) execute function daily_figure_firm_changed();

-- A park's time zone moves the end of its days (the as-of instant); its deadline decides what is due.
create function daily_figure_park_changed() returns trigger language plpgsql as $$
begin
    perform daily_figure_bump(new.id, '-infinity', 'infinity');
    return null;
end $$;
create trigger daily_figure_park_trg after update of time_zone, report_deadline on park for each row
    when (old.time_zone is distinct from new.time_zone or old.report_deadline is distinct from new.report_deadline)
    execute function daily_figure_park_changed();
