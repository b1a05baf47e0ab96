package io.learnpulse.devservices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The services' command line. */
class DevServicesTest {
    @Test
    void startsKafkaAndRedisOnTheirUsualPortsByDefault() {
        DevServices.Options o = DevServices.parse();
        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.redisPort()).isEqualTo(6379);
        assertThat(o.redis()).isTrue();
        assertThat(o.help()).isFalse();
    }

    @Test
    void noRedisStartsKafkaAlone() {
        DevServices.Options o = DevServices.parse("--no-redis", "--kafka-port", "0");
        assertThat(o.redis()).isFalse();
        assertThat(o.kafkaPort()).isZero();
        assertThat(DevServices.parse("--redis-port", "7000", "--no-redis").redis()).isFalse();
        assertThat(DevServices.USAGE).contains("--no-redis");
    }

    @Test
    void exitWithFollowsTheGivenProcess() {
        assertThat(DevServices.parse().exitWith()).isEqualTo(DevServices.NO_PROCESS);
        assertThat(DevServices.parse("--no-redis", "--exit-with", "4242").exitWith()).isEqualTo(4242L);
        assertThat(DevServices.USAGE).contains("--exit-with PID");
        assertThatThrownBy(() -> DevServices.parse("--exit-with")).hasMessageContaining("needs a process id");
        assertThatThrownBy(() -> DevServices.parse("--exit-with", "abc")).hasMessageContaining("not a process id: 'abc'");
        assertThatThrownBy(() -> DevServices.parse("--exit-with", "0")).hasMessageContaining("not a process id: 0");
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> DevServices.parse("--kafka-port")).hasMessageContaining("needs a port number");
        assertThatThrownBy(() -> DevServices.parse("--kafka-port", "x")).hasMessageContaining("not a port number");
        assertThatThrownBy(() -> DevServices.parse("--redis-port", "70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> DevServices.parse("--no-kafka")).hasMessageContaining("unknown argument '--no-kafka'");
        assertThat(DevServices.parse("--help").help()).isTrue();
    }
}
