package cn.loopgate.health;

/** A test's result; PENDING until the laboratory answers. */
public enum TestResult { NEGATIVE, POSITIVE, PENDING }
