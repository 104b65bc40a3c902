-- Scans a guard's phone verified offline and uploaded later (issue 17, camera scanning): the row keeps the
-- original scan time in scanned_at, the verdict the server computes for that time in result, and what the
-- phone showed the guard in offline_result (VALID, ..., or UNCONFIRMED when its revocation list was past its
-- max-age or the key unknown). client_scan_id is the phone's id for the scan, so an upload repeated after a
-- lost answer stores nothing twice.
alter table gate_scan add column offline_result varchar(16);
alter table gate_scan add column uploaded_at timestamptz;
alter table gate_scan add column client_scan_id uuid;
alter table gate_scan add constraint gate_scan_offline_result_check check (offline_result in
    ('VALID', 'EXPIRED', 'NOT_YET_VALID', 'REVOKED', 'SUSPENDED', 'FORGED', 'WRONG_PARK', 'UNCONFIRMED'));
create unique index gate_scan_client_scan_idx on gate_scan (guard, client_scan_id) where client_scan_id is not null;
