package cn.loopgate.identity;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A user of the portal and their binding: a firm manager to one firm, a liaison officer to parks.
 * With Keycloak the password lives there and this row only mirrors the binding; with the built-in
 * login it also holds the PBKDF2 hash and the lock-out counters.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = "UserAccount.byUsername", query = "select u from UserAccount u where u.username = :username")
public class UserAccount extends BaseEntity implements java.io.Serializable {

    /** Failed logins in a row that lock the account. */
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK_TIME = Duration.ofMinutes(15);

    @Column(nullable = false, unique = true, length = 64)
    private String username;
    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;
    @Column(name = "password_hash", length = 300)
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private Role role;
    @Column(name = "firm_id")
    private Long firmId;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_park", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "park_id")
    private Set<Long> parkIds = new HashSet<>();
    @Column(length = 200)
    private String email;
    /** Where an activation link can go by SMS; personal data (masked in lists, never logged). */
    @Column(length = 20)
    private String phone;
    @Column(nullable = false)
    private boolean enabled = true;
    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "last_login_at")
    private Instant lastLoginAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected UserAccount() {
    }

    public UserAccount(String username, String displayName, Role role, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.createdAt = now;
    }

    public void bind(Role role, Long firmId, Set<Long> parkIds) {
        this.role = role;
        this.firmId = role == Role.FIRM_MANAGER ? firmId : null;
        this.parkIds = role == Role.LIAISON ? new HashSet<>(parkIds) : new HashSet<>();
    }

    public void describe(String displayName, String email, boolean enabled) {
        this.displayName = displayName;
        this.email = email;
        this.enabled = enabled;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public void setPasswordHash(String hash) {
        this.passwordHash = hash;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public Caller toCaller() {
        return new Caller(username, displayName, role, firmId, parkIds, getId());
    }

    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public String getPasswordHash() { return passwordHash; }
    public Role getRole() { return role; }
    public Long getFirmId() { return firmId; }
    public Set<Long> getParkIds() { return Set.copyOf(parkIds); }
    public String getEmail() { return email; }
    public String getPhone() { return phone; }
    public boolean isEnabled() { return enabled; }
    public int getFailedAttempts() { return failedAttempts; }
    public Instant getLockedUntil() { return lockedUntil; }
    public Instant getLastLoginAt() { return lastLoginAt; }
    public Instant getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
}
