/**
 * Problems raised by firms (问题收集和协调解决机制): a firm's manager raises a problem (materials in,
 * products out, staffing, testing, supplies, other) with an urgency; the park's liaison officer
 * acknowledges and works it, resolves it or escalates it to the bureau (交办 / 督办); a bureau analyst
 * assigns it to a named department with a due time; the firm confirms the resolution or reopens.
 * Time limits per urgency are configured ({@link cn.loopgate.problem.TimeLimits}); overdue is
 * computed from the injected clock, never stored.
 */
package cn.loopgate.problem;
