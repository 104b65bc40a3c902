-- A filing's database work as the portal sends it (issue 22.1): the statements one POST /api/v1/firms/{id}/reports
-- produced with log_statement = all (src/bench/filing-sql.sh), against copies of daily_report and audit_entry
-- (bench_filing_report, bench_filing_audit) so the city is not changed. pgbench -M extended, like the JDBC driver.
\set n random(1, 4000)
\set back random(0, 3650)
SELECT ID, created_at, display_name, EMAIL, ENABLED, failed_attempts, firm_id, last_login_at, locked_until, password_hash, PHONE, ROLE, USERNAME, VERSION FROM app_user WHERE (USERNAME = 'bench-filer-' || lpad(:n::text, 5, '0')) \gset u_
SELECT t0.park_id FROM user_park t0 WHERE (t0.user_id = :u_id);
SELECT t1.ID, t1.above_size, t1.ADDRESS, t1.contact_name, t1.contact_phone, t1.created_at, t1.credit_code, t1.four_above, t1.INDUSTRY, t1.legal_rep, t1.NAME, t1.registered_on, t1.registered_staff, t1.resumed_on, t1.suspended_reason, t1.suspended_since, t1.updated_at, t1.VERSION, t1.park_id, t0.ID, t0.admits_other_parks, t0.CODE, t0.created_at, t0.loop_ended_on, t0.NAME, t0.name_en, t0.pass_max_days, t0.report_deadline, t0.suspend_after_missed, t0.time_zone, t0.VERSION, t0.district_id FROM park t0, firm t1 WHERE ((t1.ID = :u_firm_id) AND (t0.ID = t1.park_id));
BEGIN;
insert into bench_filing_report (firm_id, park_id, report_date, submitted_at, submitted_by, late, zero_report,
    staff_on_site, registered_staff, temperature_checks, fever_count, symptom_count, positive_count,
    isolated_count, tests_done, abnormal_details, production_status, capacity_pct, on_behalf)
values (:u_firm_id, 1750, current_date - cast(:back as int), now(), cast(:u_username as varchar), false, true, 0, 101, 0, 0, 0, 0, 0, 0, nullif(cast('' as varchar), ''), 'STOPPED', 0, false)
on conflict (firm_id, report_date) do nothing returning *;
INSERT INTO bench_filing_audit (ID, ACTION, ACTOR, actor_role, after_state, AT, before_state, firm_id, object_id, object_type, park_id, REASON) VALUES (nextval('id_seq'), 'FILE', cast(:u_username as varchar), 'FIRM_MANAGER', '{"day": "2026-12-07","revision": 1,"late": false,"zero": true,"staffOnSite": 0,"temperatureChecks": 0,"fever": 0,"symptoms": 0,"positive": 0,"isolated": 0,"testsDone": 0,"details": null,"production": "STOPPED","capacityPct": 0,"submittedAt": "2026-12-06T19-03-08Z","submittedBy": "bench-filer-03999","onBehalf": false}', now(), NULL, cast(:u_firm_id as bigint), 1, 'DAILY_REPORT', 1750, NULL);
COMMIT;
