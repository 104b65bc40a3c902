package cn.loopgate.dashboard;

import jakarta.json.bind.annotation.JsonbNillable;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure: numerator over denominator, never a bare percentage. {@code percent} is null when the
 * denominator is zero (nothing to count), rounded half-up to one decimal otherwise; the JSON always carries
 * the key ({@code "percent": null}), as docs/dashboard.md promises.
 */
public record Ratio(BigDecimal numerator, BigDecimal denominator, @JsonbNillable BigDecimal percent) implements java.io.Serializable {

    public static Ratio of(BigDecimal numerator, BigDecimal denominator) {
        BigDecimal pct = denominator.signum() == 0 ? null
                : numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 1, RoundingMode.HALF_UP);
        return new Ratio(numerator.stripTrailingZeros().scale() <= 0 ? numerator.setScale(0, RoundingMode.UNNECESSARY) : numerator,
                denominator, pct);
    }

    public static Ratio of(long numerator, long denominator) {
        return of(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    /** "86%" or "77.4%", or "-" without a denominator. */
    public String percentText() {
        return percent == null ? "-" : percent.stripTrailingZeros().toPlainString() + "%";
    }

    public String numeratorText() {
        return numerator.stripTrailingZeros().toPlainString();
    }

    public String denominatorText() {
        return denominator.stripTrailingZeros().toPlainString();
    }
}
