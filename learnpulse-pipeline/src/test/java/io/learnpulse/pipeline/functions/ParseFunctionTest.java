package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.DeadLetter;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.core.event.RawRecord;
import io.learnpulse.core.result.LateEvent;
import io.learnpulse.pipeline.Outputs;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

class ParseFunctionTest {
    private OneInputStreamOperatorTestHarness<RawRecord, LearnerEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(LearnPulseConfig.defaults()));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String source, String id, long ts) throws Exception {
        String fields = source.equals("video") ? "\"video_id\":\"v1\",\"action\":\"play\",\"position\":0"
                : "\"page_id\":\"p1\",\"event_type\":\"page_view\"";
        harness.processElement(new StreamRecord<>(new RawRecord(source, "{\"schema_version\":2,\"event_id\":\"" + id
                + "\",\"learner_id\":\"A\",\"course_id\":\"c1\",\"ts\":" + ts + "," + fields + "}", at(100_000))));
    }

    @Test
    void judgesLatenessAgainstTheNewestEventOfTheSameSource() throws Exception {
        send("video", "v1", at(100));
        send("video", "v2", at(300));
        // 300 s - 5 s out-of-orderness - 120 s allowed lateness = 175 s
        send("video", "v3", at(174));
        send("video", "v4", at(175));
        // another source has its own clock: not late
        send("clickstream", "c1", at(100));

        assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("v1", "v2", "v4", "c1");
        List<LateEvent> late = harness.getSideOutput(Outputs.LATE).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(late).hasSize(1);
        LateEvent l = late.get(0);
        assertThat(l.eventId).isEqualTo("v3");
        assertThat(l.watermark).isEqualTo(at(295));
        assertThat(l.lateByMs).isEqualTo(121_000L);
        assertThat(l.reason).isEqualTo("event time is 1000 ms beyond the allowed lateness of source 'video'");
        assertThat(l.raw).contains("\"event_id\":\"v3\"");
    }

    @Test
    void invalidRecordsBecomeDeadLettersAndTheStreamGoesOn() throws Exception {
        harness.processElement(new StreamRecord<>(new RawRecord("video", "not json", 7L)));
        harness.processElement(new StreamRecord<>(new RawRecord("video",
                "{\"schema_version\":2,\"event_id\":\"x\",\"learner_id\":\"A\",\"course_id\":\"c1\",\"ts\":1,"
                        + "\"video_id\":\"v1\",\"action\":\"rewind\",\"position\":0}", 8L)));
        send("video", "ok", at(1));

        List<DeadLetter> dead = harness.getSideOutput(Outputs.DEAD_LETTERS).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(dead).extracting(d -> d.reason).containsExactly("malformed_json", "invalid_field");
        assertThat(dead.get(0).raw).isEqualTo("not json");
        assertThat(dead.get(0).receivedAt).isEqualTo(7L);
        assertThat(dead.get(1).error).contains("action");
        assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("ok");
    }

    @Test
    void withWatermarksFromTheSourceJudgesLatenessAgainstTheWatermark() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(LearnPulseConfig.defaults(), true));
        harness.open();
        // No watermark yet (some partition has not been read): nothing is late, however far apart the events are.
        send("video", "ahead", at(600));
        send("video", "behind", at(0));
        // The slowest partition's newest event is at 300 s: its watermark is 300 s - 5 s out-of-orderness - 1 ms.
        harness.processWatermark(at(300) - 5_001);
        send("video", "v3", at(174));
        send("video", "v4", at(175));

        assertThat(harness.extractOutputValues()).extracting(e -> e.eventId).containsExactly("ahead", "behind", "v4");
        List<LateEvent> late = harness.getSideOutput(Outputs.LATE).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(late).extracting(l -> l.eventId).containsExactly("v3");
        assertThat(late.get(0).watermark).isEqualTo(at(295));
        assertThat(late.get(0).reason).isEqualTo("event time is 1000 ms beyond the allowed lateness of source 'video'");
    }
}
