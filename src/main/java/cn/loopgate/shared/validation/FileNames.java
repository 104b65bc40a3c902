package cn.loopgate.shared.validation;

import cn.loopgate.shared.DomainException;

import java.util.Locale;

/**
 * The one check of an uploaded file's name (roster imports, commitment letters, problem attachments). A
 * name that is too long, holds a path ({@code /}, {@code \}, {@code ..}), control or invisible format
 * characters or characters Windows cannot save is refused with 400 naming the field — never rewritten
 * into something the uploader did not send (before, {@code ../../etc/passwd.pdf} was stored as
 * {@code passwd.pdf}, and 101 characters overflowed a column as a 500).
 */
public final class FileNames {

    /** The longest name stored (the narrowest column holding one is varchar(100)). */
    public static final int MAX_LENGTH = 100;

    private FileNames() {
    }

    /** The name, unchanged, when acceptable; otherwise a 400 on {@code field}. */
    public static String check(String field, String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid(field, "validation.fileNameMissing");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw DomainException.invalid(field, "validation.fileNameTooLong", MAX_LENGTH);
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || !name.equals(name.strip()) || !Names.acceptable(name) || name.chars().anyMatch(c -> "\"<>|:*?".indexOf(c) >= 0)) {
            throw DomainException.invalid(field, "validation.fileName");
        }
        return name;
    }

    /** The extension after the last dot, lower case ("" when none). */
    public static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
