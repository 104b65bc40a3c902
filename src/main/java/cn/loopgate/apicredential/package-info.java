/**
 * API credentials (API 凭据): named keys with which a machine — a firm's HR system, a testing site, a gate scanner or
 * a thermometer — calls the API without a person's password. Administrators issue them for any scope, a firm's
 * manager for their own firm; each has an expiry, shows its last use and can be revoked. The secret is shown once.
 * Signing in with one is the identity kernel's job ({@code identity.machine}).
 */
package cn.loopgate.apicredential;
