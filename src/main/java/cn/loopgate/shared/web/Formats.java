package cn.loopgate.shared.web;

import cn.loopgate.shared.Masking;
import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.Validity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.LocalDate;
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

    /** "2026-12-05 至 2027-01-03": both days inclusive, as printed on permits ({@link Validity}). */
    public String validity(LocalDate first, LocalDate last) {
        return Validity.range(first, last, FacesSupport.locale());
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
