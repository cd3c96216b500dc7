package org.emotionart.cli;

import org.emotionart.model.SessionConfig;
import picocli.CommandLine;

/** "fp32" | "bf16" → {@link SessionConfig.Precision}. */
final class PrecisionConverter implements CommandLine.ITypeConverter<SessionConfig.Precision> {
    @Override
    public SessionConfig.Precision convert(String value) {
        try {
            return SessionConfig.Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("expected fp32 or bf16 but was '" + value + "'");
        }
    }
}
