/**
 * Telling people what needs them: in-app notifications for every user, and e-mail besides when an
 * SMTP server is configured. Mail is sent only after the transaction that caused it commits.
 */
package cn.loopgate.notification;
