package io.learnpulse.pipeline.functions;

import io.learnpulse.core.config.LearnPulseConfig;
import io.learnpulse.core.event.LearnerEvent;
import io.learnpulse.pipeline.TestEvents;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.learnpulse.pipeline.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

class PerSourceWatermarksTest {

    private static final class Captured implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LearnPulseConfig config = LearnPulseConfig.fromYamlString(
            "lateness:\n  video:\n    max-out-of-orderness: 20s");
    private final PerSourceWatermarks.Generator gen = new PerSourceWatermarks.Generator(config, clock);
    private final Captured out = new Captured();

    private void event(LearnerEvent e) {
        gen.onEvent(e, e.eventTime, out);
    }

    @Test
    void theWatermarkIsTheMinimumOverSourcesEachWithItsOwnBound() {
        event(TestEvents.page("c", "A", at(100)));
        event(TestEvents.video("v", "A", at(100), io.learnpulse.core.event.VideoAction.PLAY, 0));
        gen.onPeriodicEmit(out);
        // clickstream: 100 s - 5 s - 1 ms; video: 100 s - 20 s - 1 ms
        assertThat(out.last()).isEqualTo(at(80) - 1);

        event(TestEvents.video("v2", "A", at(200), io.learnpulse.core.event.VideoAction.PAUSE, 10));
        gen.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(at(95) - 1);
    }

    @Test
    void anIdleSourceStopsHoldingTheWatermarkBackAndAllIdleMarksTheStreamIdle() {
        event(TestEvents.page("c", "A", at(100)));
        clock.advanceTime(10, TimeUnit.SECONDS);
        event(TestEvents.video("v", "A", at(300), io.learnpulse.core.event.VideoAction.PLAY, 0));
        gen.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(at(95) - 1);

        clock.advanceTime(25, TimeUnit.SECONDS); // clickstream silent for 35 s > 30 s idleness
        gen.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(at(280) - 1);
        assertThat(out.idle).isFalse();

        clock.advanceTime(30, TimeUnit.SECONDS);
        gen.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
    }

    @Test
    void theWatermarkNeverGoesBackwards() {
        event(TestEvents.page("c", "A", at(100)));
        gen.onPeriodicEmit(out);
        event(TestEvents.video("v", "A", at(50), io.learnpulse.core.event.VideoAction.PLAY, 0));
        gen.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(at(95) - 1);
    }

    @Test
    void aStreamThatNeverCarriedAnEventIsIdleAfterTheDefaultIdlenessAndActiveWithItsFirstEvent() {
        clock.advanceTime(29_999, TimeUnit.MILLISECONDS);
        gen.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        clock.advanceTime(1, TimeUnit.MILLISECONDS);
        gen.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        assertThat(out.watermarks).isEmpty();

        event(TestEvents.page("c", "A", at(100)));
        gen.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).containsExactly(at(95) - 1);
    }

    @Test
    void withoutIdlenessAStreamWithoutEventsIsNeverIdle() {
        PerSourceWatermarks.Generator replay = new PerSourceWatermarks.Generator(config.withoutIdleness(), clock);
        clock.advanceTime(1, TimeUnit.DAYS);
        replay.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).isEmpty();
    }

    @Test
    void anInputIdleUntilItsFirstEventIsIdleAtOnceAndThenFollowsTheUsualRules() {
        PerSourceWatermarks.Generator gateway = new PerSourceWatermarks.Generator(config, clock, true);
        gateway.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        LearnerEvent e = TestEvents.page("c", "A", at(100));
        gateway.onEvent(e, e.eventTime, out);
        gateway.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        assertThat(out.watermarks).containsExactly(at(95) - 1);
        clock.advanceTime(30, TimeUnit.SECONDS);
        gateway.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
    }
}
