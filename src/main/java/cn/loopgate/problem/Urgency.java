package cn.loopgate.problem;

/** How fast a problem must be handled; each level has its own time limits ({@link TimeLimits}). */
public enum Urgency {
    URGENT, HIGH, NORMAL
}
