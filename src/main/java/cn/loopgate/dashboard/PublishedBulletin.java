package cn.loopgate.dashboard;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A bulletin as it was published: number (year, sequence), day and slice, the figures it printed and both
 * PDFs exactly as issued. Immutable: later reports change the live figures, never this; the differences
 * are listed as revisions ({@link BulletinArchive#revisions}).
 */
@Entity
@Table(name = "published_bulletin")
public class PublishedBulletin extends BaseEntity {

    @Column(nullable = false, updatable = false)
    private int year;
    @Column(nullable = false, updatable = false)
    private int seq;
    @Column(nullable = false, updatable = false)
    private LocalDate day;
    @Column(name = "district_id", updatable = false)
    private Long districtId;
    @Column(name = "park_id", updatable = false)
    private Long parkId;
    @Column(name = "above_size", updatable = false)
    private Boolean aboveSize;
    @Enumerated(EnumType.STRING)
    @Column(name = "four_above", updatable = false, length = 24)
    private FourAbove fourAbove;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false, length = 32)
    private Industry industry;
    @Column(nullable = false, updatable = false, length = 300)
    private String subject;
    @Column(nullable = false, updatable = false)
    private String figures;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    private byte[] pdf;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "pdf_en", nullable = false, updatable = false)
    private byte[] pdfEn;
    @Column(name = "generated_at", nullable = false, updatable = false)
    private Instant generatedAt;
    @Column(name = "issued_by", nullable = false, updatable = false, length = 64)
    private String issuedBy;

    protected PublishedBulletin() {
    }

    PublishedBulletin(int year, int seq, LocalDate day, Slice slice, String subject, String figures, byte[] pdf,
                      byte[] pdfEn, Instant generatedAt, String issuedBy) {
        this.year = year;
        this.seq = seq;
        this.day = day;
        this.districtId = slice.districtId();
        this.parkId = slice.parkId();
        this.aboveSize = slice.aboveSize();
        this.fourAbove = slice.fourAbove();
        this.industry = slice.industry();
        this.subject = subject;
        this.figures = figures;
        this.pdf = pdf;
        this.pdfEn = pdfEn;
        this.generatedAt = generatedAt;
        this.issuedBy = issuedBy;
    }

    public Slice slice() {
        return new Slice(districtId, parkId, aboveSize, fourAbove, industry);
    }

    public int getYear() { return year; }
    public int getSeq() { return seq; }
    public LocalDate getDay() { return day; }
    public String getSubject() { return subject; }
    public String getFigures() { return figures; }
    public byte[] getPdf() { return pdf; }
    public byte[] getPdfEn() { return pdfEn; }
    public Instant getGeneratedAt() { return generatedAt; }
    public String getIssuedBy() { return issuedBy; }
}
