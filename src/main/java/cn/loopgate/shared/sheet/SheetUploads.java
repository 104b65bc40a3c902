package cn.loopgate.shared.sheet;

import cn.loopgate.shared.DomainException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An upload's body read under the byte limit: reading stops at the first byte beyond it. */
public final class SheetUploads {

    private SheetUploads() {
    }

    public static byte[] readCapped(InputStream in, SheetLimits limits) {
        if (in == null) {
            throw DomainException.invalid("file", "validation.fileEmpty");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limits.maxBytes()) {
                    throw DomainException.invalid("file", "import.tooLarge", limits.maxMegabytes());
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
