package org.emotionart.util;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints of what a cache was made from: the fields are written one by one with a
 * {@link DataOutputStream} and the digest is taken of those bytes, so that a cache can tell whether
 * its sources or settings changed (the image cache stores one in its header, the classifier's
 * feature cache names its files by one).
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** Writes the fields a fingerprint is made of, in a fixed order. */
    @FunctionalInterface
    public interface Fields {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /** SHA-256 (32 bytes) of the bytes {@code fields} writes. */
    public static byte[] sha256(Fields fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            fields.writeTo(out);
            out.flush();
            return sha.digest(bytes.toByteArray());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code bytes} bytes of a fingerprint as lower-case hex digits (for file names). */
    public static String hex(byte[] fingerprint, int bytes) {
        return HexFormat.of().formatHex(fingerprint, 0, Math.min(bytes, fingerprint.length));
    }
}
