-- Runs once, when the data volume is first created (docker/postgres/entrypoint.sh), as the superuser.
-- Least privilege: loopgate_owner owns Loopgate's schema and runs the Flyway migrations;
-- loopgate_app (the portal's pool) may read and write rows but neither alter tables nor
-- disable the audit table's triggers; Keycloak has a database and role of its own.
CREATE ROLE loopgate_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE loopgate_app LOGIN PASSWORD :'app_password';
CREATE ROLE keycloak LOGIN PASSWORD :'keycloak_password';
CREATE DATABASE loopgate OWNER loopgate_owner;
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE loopgate FROM PUBLIC;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE loopgate TO loopgate_app;
\connect loopgate
ALTER SCHEMA public OWNER TO loopgate_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO loopgate_app;
-- Tables and sequences the owner creates later (every migration) are usable by the application at once.
ALTER DEFAULT PRIVILEGES FOR ROLE loopgate_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO loopgate_app;
ALTER DEFAULT PRIVILEGES FOR ROLE loopgate_owner IN SCHEMA public
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO loopgate_app;
\connect keycloak
ALTER SCHEMA public OWNER TO keycloak;
