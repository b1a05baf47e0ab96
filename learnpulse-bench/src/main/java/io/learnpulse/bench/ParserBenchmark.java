package io.learnpulse.bench;

import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import io.learnpulse.core.format.RecordParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/** Nanoseconds per record for each input format, through the entry point the pipeline uses. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ParserBenchmark {
    private static final long INGEST = 1_772_445_300_000L;

    private final RecordParser parser = new RecordParser(ParserSettings.defaults());

    static final String NATIVE_V2_ATTEMPT = "{\"schema_version\":2,\"event_id\":\"3f1c9a52-7d1e-4a8b-9c0e-2b5d6f7a8e91\","
            + "\"learner_id\":\"L000123\",\"course_id\":\"c2\",\"ts\":1772445296412,\"question_id\":\"c2/q17\",\"score\":1,"
            + "\"max_score\":1,\"correct\":true,\"attempt_number\":1,\"skill_ids\":[\"c2/skill-3\"]}";

    static final String NATIVE_V1_VIDEO = "{\"user_id\":\"L000123\",\"course_id\":\"c2\",\"timestamp\":"
            + "\"2026-03-02T09:54:56.412+01:00\",\"video_id\":\"c2/v3\",\"action\":\"seek\",\"seek_from\":12.5,\"position\":130.25}";

    static final String XAPI_ANSWERED = "{\"id\":\"6a9e2c5e-1c1a-4f7e-9d3b-0000000000a1\",\"actor\":{\"objectType\":\"Agent\","
            + "\"name\":\"Ann\",\"mbox\":\"mailto:ann@example.com\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\","
            + "\"display\":{\"en-US\":\"answered\"}},\"object\":{\"objectType\":\"Activity\","
            + "\"id\":\"https://lms.example.org/courses/algebra/q/17\",\"definition\":{\"type\":"
            + "\"http://adlnet.gov/expapi/activities/cmi.interaction\",\"interactionType\":\"choice\"}},"
            + "\"result\":{\"success\":true,\"score\":{\"scaled\":1,\"raw\":1,\"min\":0,\"max\":1},\"duration\":\"PT12.5S\"},"
            + "\"context\":{\"platform\":\"LMS\",\"contextActivities\":{\"parent\":[{\"id\":"
            + "\"https://lms.example.org/courses/algebra\",\"definition\":{\"type\":\"http://adlnet.gov/expapi/activities/course\"}}]}},"
            + "\"timestamp\":\"2026-03-02T09:54:56.412Z\",\"version\":\"1.0.3\"}";

    static final String CALIPER_MEDIA = "{\"@context\":\"http://purl.imsglobal.org/ctx/caliper/v1p2\","
            + "\"id\":\"urn:uuid:c51570e4-f8ed-4c18-bb3a-dfe51b2cc594\",\"type\":\"MediaEvent\","
            + "\"actor\":{\"id\":\"https://example.edu/users/554433\",\"type\":\"Person\"},\"action\":\"Paused\","
            + "\"object\":{\"id\":\"https://example.edu/videos/v1\",\"type\":\"VideoObject\",\"duration\":\"PT20M20S\"},"
            + "\"target\":{\"id\":\"https://example.edu/videos/v1?t=710\",\"type\":\"MediaLocation\",\"currentTime\":\"PT11M50S\"},"
            + "\"eventTime\":\"2026-03-02T09:54:56.412Z\",\"group\":{\"id\":\"https://example.edu/courses/7/sections/1\","
            + "\"type\":\"CourseSection\"}}";

    @Benchmark
    public void nativeV2Attempt(Blackhole bh) {
        parser.parse("assessment", NATIVE_V2_ATTEMPT, INGEST, bh::consume);
    }

    @Benchmark
    public void nativeV1Video(Blackhole bh) {
        parser.parse("video", NATIVE_V1_VIDEO, INGEST, bh::consume);
    }

    @Benchmark
    public void xapiAnswered(Blackhole bh) {
        parser.parse("xapi", XAPI_ANSWERED, INGEST, bh::consume);
    }

    @Benchmark
    public void caliperMediaEvent(Blackhole bh) {
        parser.parse("caliper", CALIPER_MEDIA, INGEST, bh::consume);
    }

    /** Checks the inputs are valid, so the benchmark measures the success path, not dead letters. */
    public static void main(String[] args) {
        RecordParser p = new RecordParser(ParserSettings.defaults());
        for (String[] in : new String[][] {{"assessment", NATIVE_V2_ATTEMPT}, {"video", NATIVE_V1_VIDEO},
                {"xapi", XAPI_ANSWERED}, {"caliper", CALIPER_MEDIA}}) {
            for (ParseResult r : p.parse(in[0], in[1], INGEST)) {
                System.out.println(in[0] + ": " + (r.ok() ? r.event : r.deadLetter));
            }
        }
    }
}
