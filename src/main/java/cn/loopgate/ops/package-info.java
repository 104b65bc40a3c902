/** Operations: health checks for load balancers and orchestrators. */
package cn.loopgate.ops;
