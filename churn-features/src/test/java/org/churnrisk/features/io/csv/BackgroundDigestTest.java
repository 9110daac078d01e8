package org.churnrisk.features.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.churnrisk.features.io.FileHash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BackgroundDigest} gives the SHA-256 of what it was given, inline or on its helper thread. */
class BackgroundDigestTest {

    private static FileHash sha256(byte[] bytes) {
        try {
            return new FileHash(bytes.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4 << 20, (4 << 20) + 1, (5 << 20) + 12_345, 11 << 20})
    void hashesPiecesOfAnySizeAsOneDigestWould(int size) throws IOException {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        random.nextBytes(bytes);
        BackgroundDigest digest = new BackgroundDigest();
        byte[] buffer = new byte[300_000];
        int at = 0;
        while (at < size) {
            // pieces of random size, handed in from one reused buffer as a stream reader hands them
            int n = Math.min(size - at, 1 + random.nextInt(buffer.length));
            System.arraycopy(bytes, at, buffer, 0, n);
            if (n == 1) {
                digest.update(buffer[0]);
            } else {
                digest.update(buffer, 0, n);
            }
            java.util.Arrays.fill(buffer, 0, n, (byte) 0x5A); // the caller reuses its array at once
            at += n;
        }

        assertThat(digest.bytes()).isEqualTo(size);
        assertThat(digest.finish()).isEqualTo(sha256(bytes));
    }
}
