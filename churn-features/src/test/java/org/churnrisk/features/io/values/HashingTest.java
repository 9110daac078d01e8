package org.churnrisk.features.io.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Hashing}: the same bytes hash the same wherever they sit; lengths and every byte count. */
class HashingTest {

    @ParameterizedTest(name = "'{0}'")
    @ValueSource(strings = {"", "a", "A00035", "A00035-u3", "exactly8", "sixteen-bytes-id", "Ünïcode-ÄÖ-账户-17"})
    void theHashOfBytesDoesNotDependOnWhereTheySit(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes.length + 13];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        padded[4] = 'x';
        padded[5 + bytes.length] = 'y';

        assertThat(Hashing.hash64(padded, 5, bytes.length)).isEqualTo(Hashing.hash64(id))
                .isEqualTo(Hashing.hash64(bytes, 0, bytes.length)).isNotZero();
    }

    @Test
    void trailingZeroBytesChangeTheHash() {
        Set<Long> hashes = new HashSet<>();
        for (int length = 0; length <= 24; length++) {
            hashes.add(Hashing.hash64(new byte[length], 0, length));
        }

        assertThat(hashes).hasSize(25);
    }

    @Test
    void everyByteOfEveryLengthUpToThreeWordsCounts() {
        Set<Long> hashes = new HashSet<>();
        int expected = 0;
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                byte[] b = "A00035-u3-abcdefghijklmnopq".substring(0, length).getBytes(StandardCharsets.US_ASCII);
                b[at] ^= 1;
                hashes.add(Hashing.hash64(b, 0, length));
                expected++;
            }
        }

        assertThat(hashes).hasSize(expected);
    }
}
