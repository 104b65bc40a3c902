package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first worksheet of an .xlsx, streamed with POI's event API ({@link XSSFSheetXMLHandler}, SAX): shared
 * strings, inline strings, numbers (raw, not formatted: an ID typed as a number is seen as a number), booleans;
 * formulas flagged and never evaluated. Zip bombs are refused by limits before anything is inflated: the
 * central directory is read first (at most {@link #MAX_ENTRIES} entries, each at most {@link #MAX_ENTRY_BYTES}
 * unzipped and at least {@link #MIN_INFLATE_RATIO} compressed/unzipped), and the parts read are counted as
 * they inflate, so an entry that unzips to more than it declared stops at once. POI's own {@link ZipSecureFile}
 * limits, set once here, stay as the outer fence.
 */
public final class XlsxSheetReader implements SheetReader {

    /** Largest unzipped part we accept: a legitimate 20,000-row sheet is far below. */
    public static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
    /** Compressed size / unzipped size below this is a bomb (POI's own default). */
    public static final double MIN_INFLATE_RATIO = 0.01;
    /** Parts smaller than this are not held to the ratio (tiny XML compresses very well). */
    static final long GRACE_BYTES = 100 * 1024;
    static final int MAX_ENTRIES = 1000;

    static {
        // Process-wide and set once: POI applies these while it inflates any OOXML part; ours below answer first.
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(2 * MAX_ENTRY_BYTES);
        ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    }

    /** An entry beyond the limits: the typed signal of a zip bomb, whatever POI's messages say. */
    static final class ZipBomb extends IOException {
        private static final long serialVersionUID = 1L;

        ZipBomb(String entry) {
            super(entry);
        }
    }

    @Override
    public void read(byte[] data, SheetLimits limits, RowSink sink) {
        if (data.length < 4 || data[0] != 'P' || data[1] != 'K' || data[2] != 3 || data[3] != 4) {
            throw DomainException.invalid("file", "import.notXlsx");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("sheet", ".xlsx");
            Files.write(tmp, data);
            Map<String, Long> declared = centralDirectory(tmp);
            try (OPCPackage pkg = OPCPackage.open(tmp.toFile(), PackageAccess.READ)) {
                readFirstSheet(pkg, declared, limits, new RowCounter(limits, sink));
            }
        } catch (RowCounter.Stop e) {
            throw RowCounter.tooManyRows(limits);
        } catch (ZipBomb e) {
            throw DomainException.invalid("file", "import.zipBomb");
        } catch (SAXException e) {
            throw unwrap(e, limits);
        } catch (IOException | OpenXML4JException | ParserConfigurationException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            if (e.getCause() instanceof ZipBomb || e.getCause() instanceof RowCounter.Stop) {
                throw e.getCause() instanceof ZipBomb ? DomainException.invalid("file", "import.zipBomb") : RowCounter.tooManyRows(limits);
            }
            throw DomainException.invalid("file", "import.notXlsx");
        } finally {
            delete(tmp);
        }
    }

    /** The unzipped size each entry declares, after refusing entries beyond the limits. */
    static Map<String, Long> centralDirectory(Path file) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                if (sizes.size() >= MAX_ENTRIES) {
                    throw new ZipBomb("entries");
                }
                long size = e.getSize();
                long compressed = e.getCompressedSize();
                if (size > MAX_ENTRY_BYTES || size > GRACE_BYTES && compressed >= 0 && (double) compressed / size < MIN_INFLATE_RATIO) {
                    throw new ZipBomb(e.getName());
                }
                sizes.put(e.getName(), size);
            }
        }
        return sizes;
    }

    private static void readFirstSheet(OPCPackage pkg, Map<String, Long> declared, SheetLimits limits, RowCounter counter)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        ReadOnlySharedStringsTable strings;
        List<PackagePart> sst = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (sst.isEmpty()) {
            strings = new ReadOnlySharedStringsTable(InputStream.nullInputStream(), false);
        } else {
            try (InputStream in = counted(sst.get(0), declared)) {
                strings = new ReadOnlySharedStringsTable(in, false);
            }
        }
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        if (!sheets.hasNext()) {
            throw DomainException.invalid("file", "import.noHeader");
        }
        sheets.next().close();
        PackagePart part = sheets.getSheetPart();
        try (InputStream sheet = counted(part, declared)) {
            Cells cells = new Cells(counter, limits);
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new FormulaWatch(new XSSFSheetXMLHandler(null, strings, cells, false), cells));
            xml.parse(new InputSource(sheet));
        }
    }

    /** A part's stream that refuses to inflate beyond the size its zip entry declared. */
    private static InputStream counted(PackagePart part, Map<String, Long> declared) throws IOException {
        String name = part.getPartName().getName().substring(1);
        long max = Math.min(declared.getOrDefault(name, MAX_ENTRY_BYTES), MAX_ENTRY_BYTES);
        return new FilterInputStream(part.getInputStream()) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            private void add(long n) throws ZipBomb {
                count += n;
                if (count > max) {
                    throw new ZipBomb(name);
                }
            }
        };
    }

    /** Collects one row's cells from POI's callbacks, keeping the type and formula flag the watch saw. */
    private static final class Cells implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowCounter counter;
        private final SheetLimits limits;
        private Map<Integer, SheetCell> row;
        private int nextColumn;
        private boolean formula;
        private boolean numeric;
        private boolean emitted;

        Cells(RowCounter counter, SheetLimits limits) {
            this.counter = counter;
            this.limits = limits;
        }

        void cellStarts(String type, boolean isFormula) {
            numeric = type == null || "n".equals(type);
            formula = isFormula;
            emitted = false;
        }

        void formulaSeen() {
            formula = true;
        }

        /** A formula cell without a cached value gets no callback from POI; it still counts as a formula. */
        void cellEnds(String ref) {
            if (!emitted && formula) {
                cell(ref, "", null);
            }
        }

        @Override
        public void startRow(int rowNum) {
            row = new TreeMap<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            if (row != null) {
                counter.row(rowNum + 1, row);
            }
            row = null;
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            emitted = true;
            int col = ref == null ? nextColumn : new CellReference(ref).getCol();
            nextColumn = col + 1;
            if (row != null && col >= 0 && col < limits.maxColumns()) {
                String text = value == null ? "" : RowCounter.cap(value, limits);
                row.put(col, new SheetCell(text, formula, numeric && !formula && !text.isBlank()));
            }
        }
    }

    /**
     * Forwards the sheet's SAX events to POI's handler and notes, per cell, its type attribute and whether an
     * {@code <f>} element came with it (POI reports the cached result of a formula but not that there was one).
     */
    private static final class FormulaWatch extends DefaultHandler {
        private final XSSFSheetXMLHandler poi;
        private final Cells cells;
        private String ref;

        FormulaWatch(XSSFSheetXMLHandler poi, Cells cells) {
            this.poi = poi;
            this.cells = cells;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
            if ("c".equals(localName)) {
                ref = a.getValue("r");
                cells.cellStarts(a.getValue("t"), false);
            } else if ("f".equals(localName)) {
                cells.formulaSeen();
            }
            poi.startElement(uri, localName, qName, a);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            poi.endElement(uri, localName, qName);
            if ("c".equals(localName)) {
                cells.cellEnds(ref);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            poi.characters(ch, start, length);
        }
    }

    /** A SAX error wraps what a handler threw only when the parser chose to; look inside once. */
    private static RuntimeException unwrap(SAXException e, SheetLimits limits) {
        Throwable t = e.getException() != null ? e.getException() : e.getCause();
        if (t instanceof DomainException d) {
            return d;
        }
        if (t instanceof RowCounter.Stop) {
            return RowCounter.tooManyRows(limits);
        }
        return DomainException.invalid("file", t instanceof ZipBomb ? "import.zipBomb" : "import.notXlsx");
    }

    private static void delete(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }
}
