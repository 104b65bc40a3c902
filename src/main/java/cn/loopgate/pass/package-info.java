/**
 * Vehicle passes (车辆通行证 / 物资接驳): plate, vehicle, driver and co-driver, route with the allowed
 * transfer point, cargo, purpose and a validity window no longer than the park allows; reviewed by the
 * park's liaison officer; approved passes are PASS permits (revocation, reissue, expiry on the permit).
 */
package cn.loopgate.pass;
