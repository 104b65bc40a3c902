package cn.loopgate.shared.sheet;

/**
 * Hard limits of one upload: bytes of the file, data rows (non-blank rows after the header; reading stops at
 * the first row beyond), columns kept per row (cells further right are dropped) and characters kept per cell.
 * For .xlsx, the unzipped size of each part and its inflation ratio are bounded too ({@link XlsxSheetReader}).
 */
public record SheetLimits(int maxBytes, int maxRows, int maxColumns, int maxCellChars) {

    /** What every import allows today: 20 MB, 20,000 rows, 50 columns, 10,000 characters a cell. */
    public static final SheetLimits DEFAULT = new SheetLimits(20 * 1024 * 1024, 20_000, 50, 10_000);

    public int maxMegabytes() {
        return maxBytes / (1024 * 1024);
    }
}
