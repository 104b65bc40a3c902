-- Provider sessions ended through OpenID Connect back-channel logout (Keycloak: user signed out, disabled by
-- an operator, session revoked). Every portal node checks a signed-in browser or bearer token against it, so a
-- logout received by one node ends the session on all. Rows older than the longest provider session are
-- deleted as new ones arrive.
create table oidc_ended_session (
    id          bigserial primary key,
    session_id  varchar(200),
    subject     varchar(200),
    ended_at    timestamptz not null,
    constraint oidc_ended_session_names_one check (session_id is not null or subject is not null)
);
create index oidc_ended_session_sid on oidc_ended_session (session_id) where session_id is not null;
create index oidc_ended_session_subject on oidc_ended_session (subject, ended_at) where session_id is null;
create index oidc_ended_session_ended on oidc_ended_session (ended_at);
