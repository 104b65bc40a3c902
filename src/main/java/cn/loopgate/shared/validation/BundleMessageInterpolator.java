package cn.loopgate.shared.validation;

import cn.loopgate.shared.Messages;
import jakarta.validation.MessageInterpolator;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Bean Validation message templates from the application's own bundle, so that pages, the
 * REST API and validation speak from one set of texts. Registered in META-INF/validation.xml.
 * Supports "{bundle.key}" and constraint attributes such as "{max}"; not EL expressions.
 */
public class BundleMessageInterpolator implements MessageInterpolator {

    private static final Pattern PARAM = Pattern.compile("\\{([^{}]+)}");

    @Override
    public String interpolate(String template, Context context) {
        return interpolate(template, context, Messages.DEFAULT_LOCALE);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
        Map<String, Object> attributes = context == null || context.getConstraintDescriptor() == null
                ? Map.of() : context.getConstraintDescriptor().getAttributes();
        return resolve(template, attributes, locale, 0);
    }

    public static String resolve(String template, Map<String, Object> attributes, Locale locale) {
        return resolve(template, attributes, locale, 0);
    }

    private static String resolve(String template, Map<String, Object> attributes, Locale locale, int depth) {
        if (template == null || depth > 3) {
            return template;
        }
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (attributes.containsKey(name)) {
                replacement = String.valueOf(attributes.get(name));
            } else {
                String text = Messages.get(locale, name);
                replacement = text.equals(name) ? fallback(name, locale) : resolve(text, attributes, locale, depth + 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Built-in constraints without an explicit message map to our generic texts. */
    private static String fallback(String key, Locale locale) {
        String simple = key.startsWith("jakarta.validation.constraints.")
                ? "validation." + key.substring("jakarta.validation.constraints.".length()).replace(".message", "")
                : key;
        String text = Messages.get(locale, simple);
        return text.equals(simple) ? Messages.get(locale, "validation.invalid") : text;
    }
}
