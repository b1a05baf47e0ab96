package io.learnpulse.pipeline.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * Reads a whole-file JSON document (a {@code .json} file, pretty-printed or not) as raw records of one
 * source, stamped with the wall-clock time each record is read. The file is a JSON value, or several
 * separated by whitespace: a top-level array contributes each of its elements as a record (an xAPI
 * statement, a Caliper event or envelope, even a nested array: an xAPI batch), any other top-level value is
 * one record (a Caliper envelope, a single statement). Each record is the exact text of its value in the
 * file, so the parser sees what was written (duplicate keys included) and a dead letter quotes it.
 *
 * <p>The file is read as a stream: memory holds the record being read, not the file. Only the structure is
 * checked here; the parser decides everything else. When the file is not well-formed JSON, the rest of it
 * from the start of the value being read becomes one last record, which the parser then reports
 * ({@code malformed_json}, or {@code oversized} when it is larger than a record may be).
 */
public final class JsonDocumentFormat extends SimpleStreamFormat<RawRecord> {
    private static final long serialVersionUID = 1L;

    /**
     * Splits only: duplicate keys, for instance, are the parser's to report. The reader closes the file
     * itself (after a syntax error it still reads the rest of it).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final String source;

    public JsonDocumentFormat(String source) {
        this.source = source;
    }

    @Override
    public StreamFormat.Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream)
            throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        in.mark(1);
        if (in.read() != '\uFEFF') { // a byte order mark is not part of the document
            in.reset();
        }
        return new DocumentReader(source, in);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /** Walks the top-level values, cutting each record out of the text read so far. */
    private static final class DocumentReader implements StreamFormat.Reader<RawRecord> {
        private final String source;
        private final RecordingReader text;
        private final JsonParser parser;
        private boolean inTopLevelArray;
        private boolean done;

        DocumentReader(String source, java.io.Reader in) throws IOException {
            this.source = source;
            this.text = new RecordingReader(in);
            this.parser = JSON.createParser(text);
        }

        @Override
        public RawRecord read() throws IOException {
            while (!done) {
                long start = text.base; // where a malformed remainder starts if the next token fails
                try {
                    JsonToken t = parser.nextToken();
                    if (t == null) {
                        done = true;
                        return null;
                    }
                    if (!inTopLevelArray && t == JsonToken.START_ARRAY) {
                        inTopLevelArray = true;
                        continue;
                    }
                    if (inTopLevelArray && t == JsonToken.END_ARRAY) {
                        inTopLevelArray = false;
                        continue;
                    }
                    start = parser.currentTokenLocation().getCharOffset();
                    long end;
                    if (t.isStructStart()) {
                        parser.skipChildren();
                        end = parser.currentTokenLocation().getCharOffset() + 1; // after the closing bracket
                    } else {
                        parser.finishToken(); // a string is read lazily: read it to its closing quote
                        end = parser.currentLocation().getCharOffset(); // where the scalar ended
                    }
                    String record = text.cut(start, end);
                    return new RawRecord(source, record, System.currentTimeMillis());
                } catch (JsonProcessingException e) {
                    done = true;
                    String rest = text.rest(start).strip();
                    return rest.isEmpty() ? null : new RawRecord(source, rest, System.currentTimeMillis());
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            try {
                parser.close();
            } finally {
                text.close();
            }
        }
    }

    /**
     * Keeps every character the JSON parser reads (it reads ahead), from {@link #base}, the file offset of
     * the first character kept, so the text of a value can be cut out by the parser's character offsets.
     */
    private static final class RecordingReader extends java.io.Reader {
        private final java.io.Reader in;
        private final StringBuilder kept = new StringBuilder();
        long base;

        RecordingReader(java.io.Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                kept.append(buf, off, n);
            }
            return n;
        }

        /** The text from file offset {@code start} to {@code end}; forgets everything before {@code end}. */
        String cut(long start, long end) {
            String s = kept.substring((int) (start - base), (int) (end - base));
            kept.delete(0, (int) (end - base));
            base = end;
            return s;
        }

        /** The text from file offset {@code start} (not before what is kept) to the end of the file. */
        String rest(long start) throws IOException {
            char[] buf = new char[1 << 13];
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                kept.append(buf, 0, n);
            }
            int from = (int) Math.max(0, Math.min(start - base, kept.length()));
            String s = kept.substring(from);
            kept.setLength(0);
            return s;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
