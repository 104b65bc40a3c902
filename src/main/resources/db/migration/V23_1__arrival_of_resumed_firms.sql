-- Issue 23.6: the arrival rate as newspapers mean it (staff on site of RESUMED firms over their registered
-- staff) needs two more counters in the closed-day aggregate. Existing aggregates lack them: mark every stamp
-- unbuilt so the dashboard recomputes those (day, park)s on first read (docs/metrics.md "Serving").
alter table daily_figure add column on_site_resumed bigint not null default 0,
                         add column staff_resumed   bigint not null default 0;
alter table daily_figure_stamp add column on_site_resumed bigint,
                               add column staff_resumed   bigint;
update daily_figure_stamp set built_gen = null;
