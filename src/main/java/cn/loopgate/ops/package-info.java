/**
 * Operations: health checks for load balancers and orchestrators, business counters for Prometheus,
 * and personal-data retention (anonymisation after a park's closed loop ended).
 */
package cn.loopgate.ops;
