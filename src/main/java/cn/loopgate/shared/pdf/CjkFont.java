package cn.loopgate.shared.pdf;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The shipped Chinese font (WenQuanYi Micro Hei) loaded into one PDF document as an embedded subset.
 * A PDFont belongs to one document, so load it per document; close this after {@code doc.save()}
 * (the subset is written on save). The font file is read from the WAR once and kept in memory.
 */
public final class CjkFont implements AutoCloseable {

    private static final String RESOURCE = "/fonts/wqy-microhei.ttc";
    private static final String NAME = "WenQuanYiMicroHei";
    private static volatile byte[] data;

    private final TrueTypeCollection collection;
    private final PDType0Font font;

    private CjkFont(TrueTypeCollection collection, PDType0Font font) {
        this.collection = collection;
        this.font = font;
    }

    public static CjkFont load(PDDocument document) throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(bytes()));
        TrueTypeFont ttf = collection.getFontByName(NAME);
        if (ttf == null) {
            collection.close();
            throw new IOException("font " + NAME + " not in " + RESOURCE);
        }
        return new CjkFont(collection, PDType0Font.load(document, ttf, true));
    }

    public PDType0Font font() {
        return font;
    }

    private static byte[] bytes() {
        byte[] d = data;
        if (d == null) {
            synchronized (CjkFont.class) {
                if (data == null) {
                    try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("missing " + RESOURCE);
                        }
                        data = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                d = data;
            }
        }
        return d;
    }

    @Override
    public void close() throws IOException {
        collection.close();
    }
}
