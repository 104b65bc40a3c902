/**
 * Signing in through an OpenID Connect provider (Keycloak): settings, the relying-party client that
 * redeems codes and verifies tokens, the callback page. Switched on by {@code LOOPGATE_OIDC_ISSUER};
 * the choice itself is made in {@code identity.LoopgateAuthenticationMechanism}.
 */
package cn.loopgate.identity.oidc;
