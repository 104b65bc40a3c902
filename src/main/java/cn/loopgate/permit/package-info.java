/**
 * Permits (whitelist cards, vehicle passes, resumption certificates): one record each, with the
 * validity window and status the gate checks. Features issue and revoke permits through
 * {@link cn.loopgate.permit.PermitService}; signing, PDFs and gate verification build on it.
 */
package cn.loopgate.permit;
