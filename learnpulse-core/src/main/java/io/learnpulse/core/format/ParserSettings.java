package io.learnpulse.core.format;

/** Limits applied by the format parsers ({@link NativeParser}, {@link RecordParser}). Immutable. */
public final class ParserSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_MAX_RECORD_BYTES = 65536;
    public static final long DEFAULT_MAX_FUTURE_SKEW_MS = 600_000L;

    /** Records whose UTF-8 encoding is longer than this are dead-lettered as {@code oversized}. */
    public final int maxRecordBytes;
    /** Records whose event time is more than this ahead of their receive time are {@code future_dated}. */
    public final long maxFutureSkewMs;

    public ParserSettings(int maxRecordBytes, long maxFutureSkewMs) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be >= 1, was " + maxRecordBytes);
        }
        if (maxFutureSkewMs < 0) {
            throw new IllegalArgumentException("maxFutureSkewMs must be >= 0, was " + maxFutureSkewMs);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    /** 64 KiB records, 10 minutes of future skew. */
    public static ParserSettings defaults() {
        return new ParserSettings(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_FUTURE_SKEW_MS);
    }

    public ParserSettings withMaxRecordBytes(int bytes) {
        return new ParserSettings(bytes, maxFutureSkewMs);
    }

    public ParserSettings withMaxFutureSkewMs(long skewMs) {
        return new ParserSettings(maxRecordBytes, skewMs);
    }

    @Override
    public String toString() {
        return "ParserSettings{maxRecordBytes=" + maxRecordBytes + ", maxFutureSkewMs=" + maxFutureSkewMs + '}';
    }
}
