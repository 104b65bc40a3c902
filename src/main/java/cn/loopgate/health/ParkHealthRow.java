package cn.loopgate.health;

/** One park's health figures of a day, for the dashboard's table (docs/metrics.md, "Health"). */
public record ParkHealthRow(long parkId, String parkName, HealthFigures figures) {
}
