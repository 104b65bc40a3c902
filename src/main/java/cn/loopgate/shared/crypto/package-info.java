/**
 * Sensitive personal data at rest: resident IDs sealed with AES-256-GCM under keys from configuration
 * (or, on the embedded database only, generated ones), a keyed blind index for uniqueness and look-ups,
 * and the migration that sealed the IDs stored in clear before (docs/security.md, "Personal data at rest").
 */
package cn.loopgate.shared.crypto;
