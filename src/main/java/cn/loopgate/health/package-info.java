/**
 * Health monitoring of a park's closed loop: each worker's tests (核酸检测记录) entered by the firm's manager
 * or imported from the sampling site's sheet, the park's health policy (test interval, overdue refuses or warns,
 * fever threshold), the rules the gate applies to the person it scans (一扫四查), and the outbreak response
 * (追阳断链): a positive result suspends the worker's cards and opens an incident that traces co-workers,
 * dormitory mates, vehicles and the worker's gate scans.
 */
package cn.loopgate.health;
