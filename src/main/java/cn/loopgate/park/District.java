package cn.loopgate.park;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A district (区/县) of the city; parks sit in districts. */
@Entity
@Table(name = "district")
@NamedQuery(name = "District.all", query = "select d from District d order by d.code")
public class District extends BaseEntity {

    @Column(nullable = false, unique = true, length = 16)
    private String code;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(name = "name_en", length = 100)
    private String nameEn;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected District() {
    }

    public District(String code, String name, String nameEn, Instant createdAt) {
        this.code = code;
        this.name = name;
        this.nameEn = nameEn;
        this.createdAt = createdAt;
    }

    public void rename(String name, String nameEn) {
        this.name = name;
        this.nameEn = nameEn;
    }

    public String getCode() { return code; }
    public String getName() { return name; }
    public String getNameEn() { return nameEn; }
    public Instant getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
}
