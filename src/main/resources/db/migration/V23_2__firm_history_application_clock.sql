-- Issue 23.4: firm_history was stamped with the database's clock (clock_timestamp()), everything else that
-- figures depend on (reports' submitted_at, as-of instants) with the application's java.time.Clock. Every
-- application write of a firm sets firm.updated_at from that Clock, so the trigger now stamps the history
-- with new.updated_at: one clock. A write that leaves updated_at alone (a hand-made SQL fix) falls back to
-- clock_timestamp(), as before. When the stamp is not after the open row's start (a clock moved back, or
-- two changes at one instant of a stopped test clock) the open row is corrected in place: history never
-- runs backwards and (firm_id, valid_from) stays unique.
create or replace function firm_history_track() returns trigger language plpgsql as $$
declare
    stamp timestamptz;
    open_from timestamptz;
begin
    if tg_op = 'UPDATE' and old.park_id = new.park_id and old.above_size = new.above_size
       and old.four_above = new.four_above and old.industry = new.industry
       and old.registered_staff = new.registered_staff
       and old.resumed_on is not distinct from new.resumed_on then
        return new;
    end if;
    if tg_op = 'INSERT' or new.updated_at is distinct from old.updated_at then
        stamp := new.updated_at;
    else
        stamp := clock_timestamp();
    end if;
    select valid_from into open_from from firm_history where firm_id = new.id and valid_to is null;
    if open_from is not null and open_from >= stamp then
        update firm_history set park_id = new.park_id, above_size = new.above_size, four_above = new.four_above,
               industry = new.industry, registered_staff = new.registered_staff, resumed_on = new.resumed_on
         where firm_id = new.id and valid_to is null;
        return new;
    end if;
    update firm_history set valid_to = stamp where firm_id = new.id and valid_to is null;
    insert into firm_history (firm_id, valid_from, park_id, above_size, four_above, industry, registered_staff, resumed_on)
    values (new.id, stamp, new.park_id, new.above_size, new.four_above, new.industry, new.registered_staff,
            new.resumed_on);
    return new;
end $$;
