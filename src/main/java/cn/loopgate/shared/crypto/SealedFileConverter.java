package cn.loopgate.shared.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Maps a stored upload that holds resident IDs (a roster file kept between its dry run and its import)
 * to its sealed column, like {@link ResidentIdConverter} does for single IDs. Empty bytes (a file emptied
 * by retention) stay empty.
 */
@Converter
public class SealedFileConverter implements AttributeConverter<byte[], byte[]> {

    @Override
    public byte[] convertToDatabaseColumn(byte[] clear) {
        return PersonalDataKeys.cipher().sealFile(clear);
    }

    @Override
    public byte[] convertToEntityAttribute(byte[] stored) {
        return PersonalDataKeys.cipher().openFile(stored);
    }
}
