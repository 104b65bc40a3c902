package cn.loopgate.plan;

/** The sections of a plan a liaison may comment on when returning it. */
public enum PlanSection {
    BASICS, DORMITORY, MEALS, SHUTTLE, DISINFECTION, HEALTH_CHECKS, EMERGENCY_PLAN, OFFICER, COMMITMENT
}
