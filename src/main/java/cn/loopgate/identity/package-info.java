/**
 * Who the caller is and what they may see. The identity seam: {@link cn.loopgate.identity.CurrentCaller}
 * turns the container's authenticated principal (built-in login, or Keycloak through OpenID Connect) into a
 * {@link cn.loopgate.identity.Caller}; {@link cn.loopgate.identity.AccessPolicy} is the one place that
 * decides scope, called by every service. Also the built-in user store, login and user administration.
 */
package cn.loopgate.identity;
