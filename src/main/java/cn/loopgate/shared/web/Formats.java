package cn.loopgate.shared.web;

import cn.loopgate.shared.Masking;
import cn.loopgate.shared.TimeZones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formatting helpers for pages: {@code #{fmt.time(x)}}, {@code #{fmt.maskId(x)}}. Times in China Standard Time. */
@Named("fmt")
@ApplicationScoped
public class Formats {

    public static final ZoneId CHINA = TimeZones.CHINA;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String maskId(String id) {
        return Masking.residentId(id);
    }

    public String maskPhone(String phone) {
        return Masking.phone(phone);
    }

    public String maskName(String name) {
        return Masking.name(name);
    }
}
