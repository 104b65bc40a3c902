/**
 * Uploaded files (commitment letters, problem attachments): type decided by the content, not the
 * name or the declared type; size limited; names stripped of paths. Stored in PostgreSQL so that a
 * cluster of portal nodes shares them and a backup holds them.
 */
package cn.loopgate.attachment;
