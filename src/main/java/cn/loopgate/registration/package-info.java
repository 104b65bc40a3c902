/**
 * Firms registering themselves (认领 / 审核): a firm's manager registers the firm, its business licence and their
 * own account on a public page; the park's liaison officer sees the queue with duplicates flagged and confirms
 * (the firm and the manager's account are made then) or refuses with a reason; the applicant hears the outcome.
 */
package cn.loopgate.registration;
