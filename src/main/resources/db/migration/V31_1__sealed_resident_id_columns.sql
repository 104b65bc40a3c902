-- Issue 19 item 16: resident IDs encrypted at rest (docs/security.md, "Personal data at rest").
-- The sealed value ("k1:" + base64(nonce | AES-256-GCM ciphertext | tag), or an "ANON<id>" placeholder once
-- anonymised) and the blind indexes (HMAC-SHA256, hex) that uniqueness and look-ups use. V31_2 (Java,
-- shared.crypto.ResidentIdEncryption) fills them from the clear columns; V31_3 drops those.
alter table worker
    add column resident_id_enc   varchar(120),
    add column resident_id_index varchar(64),
    add column resident_id_tail  varchar(64);

alter table vehicle_pass
    add column driver_resident_id_enc    varchar(120),
    add column co_driver_resident_id_enc varchar(120);
