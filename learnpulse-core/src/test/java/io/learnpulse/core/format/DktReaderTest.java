package io.learnpulse.core.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DktReaderTest {

    @Test
    void readsThreeLineBlocks() {
        List<DktReader.Sequence> seqs = DktReader.parse("4\n51,51,51,7,\n0,1,1,1,\n\n1\n82,\n0,\n", "train-");
        assertThat(seqs).hasSize(2);
        assertThat(seqs.get(0).learnerId).isEqualTo("train-0");
        assertThat(seqs.get(0).skillIds).containsExactly("51", "51", "51", "7");
        assertThat(seqs.get(0).correct).containsExactly(false, true, true, true);
        assertThat(seqs.get(1).learnerId).isEqualTo("train-1");
        assertThat(seqs.get(1).skillIds).containsExactly("82");
        assertThat(seqs.get(1).correct).containsExactly(false);
    }

    @Test
    void malformedBlocksNameTheLine() {
        assertThatThrownBy(() -> DktReader.parse("2\n1,2,\n0,\n", "x")).hasMessageContaining("line 1: count 2 but 2 skills and 1 answers");
        assertThatThrownBy(() -> DktReader.parse("1\n1,\n1,\nabc\n", "x")).hasMessageContaining("line 4: expected a response count");
        assertThatThrownBy(() -> DktReader.parse("1\n1,\n2,\n", "x")).hasMessageContaining("line 3: answer 1 must be 0 or 1");
        assertThatThrownBy(() -> DktReader.parse("1\n1,\n", "x")).hasMessageContaining("block is incomplete");
    }
}
