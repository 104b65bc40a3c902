package cn.loopgate.shared;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The application's texts, in Simplified Chinese by default and English on request. Pages read the
 * same bundle through {@code #{msg[...]}}; code that writes text (REST errors, PDFs, mails) calls this.
 */
public final class Messages {

    public static final String BUNDLE = "i18n.messages";
    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private Messages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, supported(locale), Messages.class.getClassLoader()).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(args);
    }

    /** English if asked for, Chinese otherwise. */
    public static Locale supported(Locale requested) {
        return requested != null && "en".equals(requested.getLanguage()) ? ENGLISH : DEFAULT_LOCALE;
    }
}
