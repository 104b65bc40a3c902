/**
 * The home page: each role's work queue (what is due, what waits, with counts and one-tap links), built by
 * {@link cn.loopgate.home.HomeService} in one transaction. It reads other features' tables; nothing imports it.
 */
package cn.loopgate.home;
