-- Issue 19 item 16: V31_2 sealed every resident ID; the clear columns go, and with them the unique
-- constraint (firm_id, resident_id). Uniqueness per firm moves to the blind index.
alter table worker alter column resident_id_enc set not null;
alter table worker alter column resident_id_index set not null;
alter table worker drop column resident_id;
alter table worker add constraint worker_firm_resident_index_key unique (firm_id, resident_id_index);
-- The roster's search by the last four characters of the ID (what lists show).
create index worker_firm_resident_tail_idx on worker (firm_id, resident_id_tail);

alter table vehicle_pass alter column driver_resident_id_enc set not null;
alter table vehicle_pass drop column driver_resident_id;
alter table vehicle_pass drop column co_driver_resident_id;
