package cn.loopgate.shared;

import java.time.ZoneId;

/**
 * The one place that names China's time zone. It is the default zone of a new park (each park keeps
 * its own, used for its deadlines and "today"), and the zone of the bureau's city-wide calendar and
 * of times shown on pages.
 */
public final class TimeZones {

    /** The zone id as stored in {@code park.time_zone} and typed on the parks page. */
    public static final String CHINA_ID = "Asia/Shanghai";
    public static final ZoneId CHINA = ZoneId.of(CHINA_ID);

    private TimeZones() {
    }
}
