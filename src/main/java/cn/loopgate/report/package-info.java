/**
 * Daily reports (日报告、零报告): one per firm per calendar day in its park's time zone, due by the
 * park's deadline; a zero-report when nothing is abnormal. Corrections keep every earlier revision.
 */
package cn.loopgate.report;
