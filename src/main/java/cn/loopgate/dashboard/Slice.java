package cn.loopgate.dashboard;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;

/**
 * Which firms a figure counts, on the firm's attributes as they stood on the day (firm_history):
 * every field null means the whole city. {@code aboveSize} true = above designated size only.
 */
public record Slice(Long districtId, Long parkId, Boolean aboveSize, FourAbove fourAbove, Industry industry) {

    public static final Slice CITY = new Slice(null, null, null, null, null);

    public Slice withPark(Long park) {
        return new Slice(districtId, park, aboveSize, fourAbove, industry);
    }

    public Slice withAboveSize(Boolean above) {
        return new Slice(districtId, parkId, above, fourAbove, industry);
    }
}
