package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON-lines file as raw records of one source, stamped with the wall-clock time each line is
 * read. Blank lines are skipped; every other line, valid or not, becomes a record (the parser decides).
 */
public final class RawLineFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String source;

    public RawLineFormat(String source) {
        this.source = source;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        return new StreamFormat.Reader<>() {
            @Override
            public RawRecord read() throws IOException {
                String line;
                do {
                    line = reader.readLine();
                    if (line == null) {
                        return null;
                    }
                } while (line.isBlank());
                return new RawRecord(source, line, System.currentTimeMillis());
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
