package cn.loopgate.shared.rest;

import cn.loopgate.shared.Jsonp;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-number fields of every JSON body take only whole numbers in their range. JSON-B (Yasson) turned
 * {@code "staffOnSite": 1e309} into 0 (a zero-report nobody filed) and would truncate 1.5; here, before
 * JSON-B reads the body, each number bound for an {@code int}/{@code long}/{@code short} component of the
 * target record (nested records, lists and maps included) is checked, and a fraction or an overflow is a
 * 400 naming the field. One place for every endpoint; bodies that are not records pass untouched.
 */
@Provider
public class StrictNumbers implements ReaderInterceptor {

    private static final int MAX_DEPTH = 10;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getSubtype().toLowerCase(Locale.ROOT).contains("json") || !structured(context.getType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        JsonValue value;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException | NumberFormatException malformed) {
            return context.proceed(); // JSON-B reports malformed JSON in its own words
        }
        List<FieldError> errors = new ArrayList<>();
        check(value, context.getGenericType(), null, errors, 0);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return context.proceed();
    }

    private static boolean structured(Class<?> type) {
        return type.isRecord() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }

    static void check(JsonValue value, Type type, String field, List<FieldError> errors, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        Class<?> raw = raw(type);
        long[] range = range(raw);
        if (range != null) {
            if (value instanceof JsonNumber n && !fits(n.bigDecimalValue(), range)) {
                errors.add(new FieldError(field == null ? "body" : field, "validation.integer", range[0], range[1]));
            }
            return;
        }
        if (raw.isRecord() && value instanceof JsonObject o) {
            for (RecordComponent c : raw.getRecordComponents()) {
                check(o.get(c.getName()), c.getGenericType(), c.getName(), errors, depth + 1);
            }
        } else if (Collection.class.isAssignableFrom(raw) && value instanceof JsonArray a) {
            Type element = argument(type, 0);
            a.forEach(v -> check(v, element, field, errors, depth + 1));
        } else if (Map.class.isAssignableFrom(raw) && value instanceof JsonObject o) {
            Type element = argument(type, 1);
            o.values().forEach(v -> check(v, element, field, errors, depth + 1));
        }
    }

    /** Whole and within the range: 1e309, 2147483648 and 1.5 are not ints; 3.0 and 1e2 are. */
    static boolean fits(BigDecimal v, long[] range) {
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return v.compareTo(BigDecimal.valueOf(range[0])) >= 0 && v.compareTo(BigDecimal.valueOf(range[1])) <= 0;
    }

    private static long[] range(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        if (raw == long.class || raw == Long.class) {
            return new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
        }
        if (raw == short.class || raw == Short.class) {
            return new long[]{Short.MIN_VALUE, Short.MAX_VALUE};
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static Type argument(Type type, int i) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > i ? p.getActualTypeArguments()[i] : Object.class;
    }
}
