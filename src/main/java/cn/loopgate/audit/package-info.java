/**
 * The append-only audit trail: every state change with who, role, when, object, action, before and
 * after, and reason. Written in the same transaction as the change; the database refuses updates and
 * deletes of it.
 */
package cn.loopgate.audit;
