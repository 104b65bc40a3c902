/**
 * A firm's worker roster (台账): name, resident ID, phone, job. The people whitelist cards are issued
 * to. Resident IDs and phones are personal data: masked in every list, unmasked only for the firm's
 * own manager on a single worker, never logged.
 */
package cn.loopgate.roster;
