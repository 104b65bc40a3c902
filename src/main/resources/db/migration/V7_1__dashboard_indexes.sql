-- Dashboard (issue 7): figures read firm_history at the end of each day. A park's drill-down and a
-- liaison officer's figures filter history by park; this index lets them skip other parks' rows.
-- Reports are joined through daily_report's unique (firm_id, report_date) index (V4_1).
create index firm_history_park_idx on firm_history (park_id, valid_from);
