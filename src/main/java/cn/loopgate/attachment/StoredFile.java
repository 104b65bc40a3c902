package cn.loopgate.attachment;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import java.time.Instant;

/** An uploaded file, immutable once stored. */
@Entity
@Table(name = "stored_file")
public class StoredFile extends BaseEntity {

    @Column(name = "firm_id")
    private Long firmId;
    @Column(name = "content_type", nullable = false, length = 100)
    private String contentType;
    @Column(name = "size_bytes", nullable = false)
    private int sizeBytes;
    @Column(nullable = false, length = 64)
    private String sha256;
    @Column(name = "original_name", nullable = false, length = 255)
    private String originalName;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] data;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StoredFile() {
    }

    StoredFile(Long firmId, String contentType, byte[] data, String sha256, String originalName, String createdBy, Instant createdAt) {
        this.firmId = firmId;
        this.contentType = contentType;
        this.sizeBytes = data.length;
        this.data = data;
        this.sha256 = sha256;
        this.originalName = originalName;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public Long getFirmId() { return firmId; }
    public String getContentType() { return contentType; }
    public int getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public String getOriginalName() { return originalName; }
    public byte[] getData() { return data; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
}
