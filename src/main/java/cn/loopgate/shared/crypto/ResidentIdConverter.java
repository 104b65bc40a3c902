package cn.loopgate.shared.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Maps a resident-ID attribute (clear in the entity) to its sealed column: every write encrypts under
 * the active key, every read decrypts with the key the value names. Equality look-ups never go through
 * this column (the nonce makes each ciphertext different): they use the blind index.
 */
@Converter
public class ResidentIdConverter implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String clear) {
        return PersonalDataKeys.cipher().encrypt(clear);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return PersonalDataKeys.cipher().decrypt(stored);
    }
}
