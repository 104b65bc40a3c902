-- The permit a plan, a card or a pass was issued: permit (V6_1) was created after these tables, so their
-- permit_id columns had no foreign key. Deferred to commit, because the services insert the permit and
-- point the record at it in the same transaction, in an order the JPA provider chooses.
alter table resumption_plan add constraint resumption_plan_permit_fk
    foreign key (permit_id) references permit (id) deferrable initially deferred;
alter table card_batch_item add constraint card_batch_item_permit_fk
    foreign key (permit_id) references permit (id) deferrable initially deferred;
alter table vehicle_pass add constraint vehicle_pass_permit_fk
    foreign key (permit_id) references permit (id) deferrable initially deferred;
