package cn.loopgate.liaison;

/** What an assignment changed: firms that moved to the officer (or lost theirs) and firms that already were so. */
public record Assigned(int changed, int unchanged) {
}
