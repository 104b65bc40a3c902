package cn.loopgate.problem;

import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** A comment on a problem by the firm or the liaison officer; immutable. */
@Entity
@Table(name = "problem_comment")
public class ProblemComment extends BaseEntity {

    @Column(name = "problem_id", nullable = false)
    private long problemId;
    @Column(nullable = false, length = 64)
    private String author;
    @Column(name = "author_name", nullable = false, length = 100)
    private String authorName;
    @Column(name = "author_role", length = 16)
    private String authorRole;
    @Column(nullable = false, length = 2000)
    private String body;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ProblemComment() {
    }

    ProblemComment(long problemId, String author, String authorName, String authorRole, String body, Instant createdAt) {
        this.problemId = problemId;
        this.author = author;
        this.authorName = authorName;
        this.authorRole = authorRole;
        this.body = body;
        this.createdAt = createdAt;
    }

    public long getProblemId() { return problemId; }
    public String getAuthor() { return author; }
    public String getAuthorName() { return authorName; }
    public String getAuthorRole() { return authorRole; }
    public String getBody() { return body; }
    public Instant getCreatedAt() { return createdAt; }
}
