package cn.loopgate.shared.persistence;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, with the total so that tables can paginate. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public static final int MAX_LIMIT = 500;

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), total, offset, limit);
    }

    public static int clampLimit(Integer limit) {
        return limit == null || limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
    }

    public static int clampOffset(Integer offset) {
        return offset == null || offset < 0 ? 0 : offset;
    }
}
