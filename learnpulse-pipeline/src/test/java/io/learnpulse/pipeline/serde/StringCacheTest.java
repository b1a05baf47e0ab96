package io.learnpulse.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StringCacheTest {

    @Test
    void readsWhatWriteUtfWroteAndSharesRepeatedValues() throws IOException {
        List<String> values = List.of("", "clickstream", "native-v2", "L000123", "\u0000nul", "é accent", "日本語",
                "\ud83d\ude00 emoji", "x".repeat(300), "clickstream");
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String v : values) {
            out.writeUTF(v);
        }
        StringCache cache = new StringCache(16);
        StringCache.Scratch scratch = new StringCache.Scratch();
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        String first = null;
        for (int i = 0; i < values.size(); i++) {
            String read = cache.read(in, scratch);
            assertThat(read).isEqualTo(values.get(i));
            if (i == 1) {
                first = read;
            }
            if (i == values.size() - 1) {
                assertThat(read).isSameAs(first);
            }
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void collidingValuesStillReadBackCorrectly() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (int i = 0; i < 1000; i++) {
            out.writeUTF("v" + (i % 37));
        }
        StringCache cache = new StringCache(2);
        StringCache.Scratch scratch = new StringCache.Scratch();
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.read(in, scratch)).isEqualTo("v" + (i % 37));
        }
    }
}
