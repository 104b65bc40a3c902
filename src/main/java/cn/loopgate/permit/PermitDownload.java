package cn.loopgate.permit;

import cn.loopgate.shared.Messages;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A permit document as the API and the pages hand it out: one PDF built from a {@link PermitDocuments.Batch}
 * (the service has already decided access and refused inactive permits). Printed in Chinese, as the
 * gate and the park read them.
 */
public final class PermitDownload {

    public static final String PDF = "application/pdf";

    private PermitDownload() {
    }

    /** For {@code p:fileDownload}; {@code null} when the service refused (its message is already shown). */
    public static StreamedContent of(PermitDocuments.Batch batch) {
        if (batch == null) {
            return null;
        }
        return DefaultStreamedContent.builder().name(batch.fileName()).contentType(PDF).writer(out -> {
            try {
                write(batch, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).build();
    }

    static void write(PermitDocuments.Batch batch, OutputStream out) throws IOException {
        new PermitPdf((key, args) -> Messages.get(Messages.DEFAULT_LOCALE, key, args))
                .write(batch.type(), batch.sheets().iterator(), out);
    }
}
