package cn.loopgate.attachment;

import java.util.Arrays;
import java.util.Optional;

/** The file types Loopgate accepts, recognised by their first bytes. */
public enum FileType {
    PDF("application/pdf", "pdf", new byte[]{'%', 'P', 'D', 'F', '-'}),
    PNG("image/png", "png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    JPEG("image/jpeg", "jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    private final String mediaType;
    private final String extension;
    private final byte[] magic;

    FileType(String mediaType, String extension, byte[] magic) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The extensions a file of this type may carry in its name. */
    public java.util.Set<String> extensions() {
        return this == JPEG ? java.util.Set.of("jpg", "jpeg") : java.util.Set.of(extension);
    }

    /** What the content is, whatever its name says. */
    public static Optional<FileType> sniff(byte[] head) {
        return Arrays.stream(values())
                .filter(t -> head != null && head.length >= t.magic.length
                        && Arrays.equals(Arrays.copyOf(head, t.magic.length), t.magic))
                .findFirst();
    }
}
