/**
 * Firm lists imported from a spreadsheet (.xlsx or .csv, as bureaus keep their 规上工业企业名录 and park
 * registers): an administrator, or a liaison officer for their own parks, checks a file row by row (dry run),
 * downloads the per-row report, then imports all rows or only the valid ones; an optional manager column
 * invites each firm's manager through the account package's activation links.
 */
package cn.loopgate.firmimport;
