package cn.loopgate.attachment;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.validation.FileNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;

/**
 * Stores uploads after checking them. Callers (plans, problems) decide who may attach to what and
 * who may read it back; this checks the bytes.
 */
@ApplicationScoped
@Transactional
public class AttachmentService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.upload.max-bytes", defaultValue = "10485760")
    int maxBytes;

    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Checks and stores a file. {@code field} names the form field for error messages.
     * Refuses an empty or oversize file, and any content not among {@code allowed}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StoredFile store(String field, Long firmId, String originalName, byte[] data, Set<FileType> allowed) {
        if (data == null || data.length == 0) {
            throw DomainException.invalid(field, "validation.fileEmpty");
        }
        if (data.length > maxBytes) {
            throw DomainException.invalid(field, "validation.fileTooLarge", maxBytes / (1024 * 1024));
        }
        FileType type = FileType.sniff(data).filter(allowed::contains)
                .orElseThrow(() -> DomainException.invalid(field, "validation.fileType",
                        String.join(", ", allowed.stream().map(FileType::extension).sorted().toList())));
        Caller c = access.caller();
        StoredFile file = new StoredFile(firmId, type.mediaType(), data, sha256(data), checkedName(field, originalName, type),
                c.username(), clock.instant());
        em.persist(file);
        return file;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredFile get(long id) {
        StoredFile f = em.find(StoredFile.class, id);
        if (f == null) {
            throw DomainException.notFound();
        }
        return f;
    }

    /**
     * The name as sent, when acceptable ({@link FileNames#check}) and its extension says what the content is
     * (a PDF named {@code x.exe} is refused: whoever downloads it would get an .exe); without a name, a
     * neutral one after the content's type.
     */
    public static String checkedName(String field, String name, FileType type) {
        if (name == null || name.isEmpty()) {
            return "file." + type.extension();
        }
        FileNames.check(field, name);
        if (!type.extensions().contains(FileNames.extension(name))) {
            throw DomainException.invalid(field, "validation.fileExtension", type.extension());
        }
        return name;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
