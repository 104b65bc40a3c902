/**
 * Operations: health checks for load balancers and orchestrators, business counters for Prometheus,
 * personal-data retention (anonymisation after a park's closed loop ended), the rotation of the keys
 * that seal resident IDs at rest, and the test-only clock
 * control ({@code /api/test/clock}, off unless {@code loopgate.test.clock-control=true}).
 */
package cn.loopgate.ops;
