-- What the unauthenticated permit endpoints publish (the public keys and the signed revocation list) is served
-- from a snapshot in each node's memory (docs/performance.md, "Public keys and revocation list"). This counter
-- tells the nodes when to rebuild it: it moves with every change of what those lists contain (a permit's status,
-- a firm's suspension, the signing keys), whichever node, job or script made it. Nodes read it at most once per
-- second; the node that made a change rebuilds at once.
create table published_list_version (
    name     varchar(32) primary key,
    version  bigint      not null
);
insert into published_list_version (name, version) values ('permits', 0);

create function bump_published_permits() returns trigger language plpgsql as $$
begin
    update published_list_version set version = version + 1 where name = 'permits';
    return null;
end
$$;

create trigger permit_status_published after update of status on permit
    for each row when (old.status is distinct from new.status) execute function bump_published_permits();
create trigger permit_delete_published after delete on permit
    for each statement execute function bump_published_permits();
create trigger firm_suspension_published after update of suspended_since on firm
    for each row when (old.suspended_since is distinct from new.suspended_since) execute function bump_published_permits();
create trigger signing_key_published after insert or update or delete on signing_key
    for each statement execute function bump_published_permits();
