-- Runs once, when the data volume is first created: Keycloak gets a database of its own.
CREATE DATABASE keycloak;
