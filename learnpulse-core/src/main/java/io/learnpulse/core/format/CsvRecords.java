package io.learnpulse.core.format;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 CSV reader: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""}); LF, CRLF and CR end a record. A leading UTF-8 byte
 * order mark is skipped. Not thread-safe.
 */
final class CsvRecords {
    private final Reader in;
    private int peeked = -2;
    private long line = 1;
    private long recordLine;
    private boolean first = true;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The 1-based physical line on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end of the input. A blank line is a record with one empty field. */
    List<String> next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("line " + recordLine + ": unterminated quoted field");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        sb.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    sb.append((char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                fields.add(sb.toString());
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                }
                if (c != -1) {
                    line++;
                }
                return fields;
            }
            if (c == ',') {
                fields.add(sb.toString());
                sb.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && sb.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                sb.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }
}
