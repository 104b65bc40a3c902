/**
 * Gate verification (一扫四查): a guard scans or pastes a permit's QR text, the signature is checked
 * against the published keys and the permit's live status is read from the database, and the guard
 * sees VALID, EXPIRED, NOT YET VALID, REVOKED, SUSPENDED or FORGED. Every scan is logged; revoked
 * and forged permits alert the park's liaison officers.
 */
package cn.loopgate.verification;
