/**
 * Resumption plans (复工复产方案): a firm's manager files a plan with the signed commitment letter;
 * the park's liaison officer returns it with comments per section, rejects it, or approves it with
 * firm-specific conditions (一企一策). Every submission is a kept, comparable version. Approval sets
 * the firm's resumption date and issues its resumption certificate.
 */
package cn.loopgate.plan;
