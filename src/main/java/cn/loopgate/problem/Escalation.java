package cn.loopgate.problem;

/** How a liaison officer hands a problem to the bureau. */
public enum Escalation {
    /** 交办: the bureau is asked to have a department handle it. */
    ASSIGN,
    /** 督办: the bureau is asked to supervise and press for a solution. */
    SUPERVISE
}
