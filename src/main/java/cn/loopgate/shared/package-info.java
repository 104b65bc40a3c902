/**
 * Shared plumbing, kept small on purpose: the clock, messages, error types and their HTTP mapping,
 * identifier validators, masking of personal data, and web filters. Nothing here knows about a
 * business feature.
 */
package cn.loopgate.shared;
