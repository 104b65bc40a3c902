/**
 * The industry bureau's dashboard: resumption rate, staff arrival rate, capacity recovery and reporting
 * compliance per city, district, park, size class, "four above" category and industry, for any day and
 * over a range, computed in SQL from {@code firm_history} and {@code daily_report} exactly as
 * {@code docs/metrics.md} defines them; drill-down to parks, firms and a firm's days; Excel export and
 * the PDF daily bulletin; the same figures as JSON for other government systems.
 */
package cn.loopgate.dashboard;
