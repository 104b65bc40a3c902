/**
 * Whitelist cards (白名单卡): a firm applies for a batch of workers and a validity window; the park's
 * liaison officer approves all, some, or rejects with reasons; approved workers get CARD permits,
 * revocable and reissuable at once. Also the park policy that suspends a firm's cards and passes after
 * N missed daily reports in a row and restores them when it reports ({@code SuspensionPolicy}).
 */
package cn.loopgate.whitelist;
