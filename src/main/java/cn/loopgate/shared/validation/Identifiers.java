package cn.loopgate.shared.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Check rules of the Chinese identifiers Loopgate accepts. Each method takes the raw text and says
 * whether it is well formed, including its check character; normalising (trimming, upper case) is the
 * caller's job so that what is validated is what is stored.
 */
public final class Identifiers {

    private Identifiers() {
    }

    // ---- Unified social credit code, GB 32100-2015 ----

    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern CREDIT_SHAPE =
            Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");

    public static boolean isCreditCode(String code) {
        if (code == null || !CREDIT_SHAPE.matcher(code).matches()) {
            return false;
        }
        return code.charAt(17) == creditCheckChar(code.substring(0, 17));
    }

    /** The 18th character for the first 17 (each from the GB 32100 character set). */
    public static char creditCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CREDIT_CHARS.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit-code character at " + i);
            }
            sum += value * CREDIT_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return CREDIT_CHARS.charAt(check);
    }

    // ---- Resident identity number, GB 11643-1999 ----

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final Pattern ID_SHAPE = Pattern.compile("\\d{17}[0-9X]");
    /** Province-level codes of GB/T 2260 (first two digits). */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    /** Also checks that the region is a province and the birth date a real day not after {@code today}. */
    public static boolean isResidentId(String id, LocalDate today) {
        if (id == null || !ID_SHAPE.matcher(id).matches() || !PROVINCES.contains(id.substring(0, 2))) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
            if (birth.isAfter(today) || birth.getYear() < 1900) {
                return false;
            }
        } catch (DateTimeException e) {
            return false;
        }
        return id.charAt(17) == residentIdCheckChar(id.substring(0, 17));
    }

    public static char residentIdCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    // ---- Mainland mobile numbers ----

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    public static boolean isMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }

    // ---- Vehicle plates (GA 36) ----

    private static final String PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** Ordinary plates: province, issuing-office letter, five letters or digits (the last may be 挂 for trailers, 学 for learners). */
    private static final Pattern ORDINARY = Pattern.compile(
            "[" + PROVINCE_CHARS + "][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学]");
    /** New-energy plates: six after the letter; small cars D/F first, large vehicles D/F last. */
    private static final Pattern NEW_ENERGY = Pattern.compile(
            "[" + PROVINCE_CHARS + "][A-HJ-NP-Z](([DFABCEGHJK][A-HJ-NP-Z0-9]\\d{4})|(\\d{5}[DFABCEGHJK]))");

    public static boolean isPlate(String plate) {
        return plate != null && (ORDINARY.matcher(plate).matches() || NEW_ENERGY.matcher(plate).matches());
    }

    public static boolean isNewEnergyPlate(String plate) {
        return plate != null && NEW_ENERGY.matcher(plate).matches();
    }
}
