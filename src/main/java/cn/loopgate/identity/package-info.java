/**
 * Who the caller is and what they may see. The identity kernel; its seam: {@link cn.loopgate.identity.CurrentCaller}
 * turns the container's authenticated principal (built-in login, or Keycloak through OpenID Connect) into a
 * {@link cn.loopgate.identity.Caller}; {@link cn.loopgate.identity.AccessPolicy} is the one place that
 * decides scope, called by every service. Also the authentication mechanism, the built-in identity store
 * and its user rows. It imports no feature package: firms and parks named by a token are looked up through
 * {@link cn.loopgate.identity.TenantLookup}; managing users lives in {@code cn.loopgate.account}.
 */
package cn.loopgate.identity;
