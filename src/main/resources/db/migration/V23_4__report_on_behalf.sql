-- Issue 23.7: a liaison officer may file or correct a firm's daily report on its behalf (代报). The report
-- records that its current version was filed so (submitted_by names the officer); a correction of what the
-- firm filed goes through daily_report_revision like any other, so the firm's version is never lost.
alter table daily_report add column on_behalf boolean not null default false;
