package io.learnpulse.pipeline.source;

import io.learnpulse.core.event.RawRecord;
import io.learnpulse.pipeline.FusionJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole-file JSON documents read as records: array elements or top-level values, with their exact text. */
class JsonDocumentFormatTest {

    @TempDir
    Path dir;

    private List<RawRecord> read(String name, String content) throws IOException {
        return read(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<RawRecord> read(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        List<RawRecord> out = new ArrayList<>();
        try (StreamFormat.Reader<RawRecord> r = new JsonDocumentFormat(FileInputs.sourceOf(file))
                .createReader(new Configuration(), new LocalDataInputStream(file.toFile()))) {
            RawRecord rec;
            while ((rec = r.read()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    private static List<String> raws(List<RawRecord> records) {
        return records.stream().map(r -> r.payload).collect(Collectors.toList());
    }

    @Test
    void eachElementOfAPrettyPrintedArrayIsARecordWithItsExactText() throws IOException {
        String first = "{\n    \"id\": \"s1\",\n    \"verb\": {\"id\": \"http://adlnet.gov/expapi/verbs/answered\"},\n"
                + "    \"result\": {\"score\": {\"raw\": 1.50, \"max\": 2}, \"response\": \"a \\\"b\\\" ]\"}\n}";
        String second = "{\n    \"id\": \"s2\",\n    \"tags\": [1, [2, 3], {\"k\": \"}\"}]\n}";
        List<RawRecord> records = read("xapi-export.json", "[\n" + first + ",\n  " + second + "\n]\n");
        assertThat(raws(records)).containsExactly(first, second);
        assertThat(records).allSatisfy(r -> assertThat(r.source).isEqualTo("xapi"));
    }

    @Test
    void aTopLevelObjectIsOneRecord() throws IOException {
        String envelope = "{\n  \"sensor\": \"https://lms.example.org/sensor\",\n  \"data\": [\n    {\"id\": \"e1\"},\n"
                + "    {\"id\": \"e2\"}\n  ]\n}";
        List<RawRecord> records = read("caliper.json", "\uFEFF" + envelope + "\n");
        assertThat(raws(records)).containsExactly(envelope);
        assertThat(records.get(0).source).isEqualTo("caliper");
    }

    @Test
    void severalTopLevelValuesAndNestedArraysAreKeptWhole() throws IOException {
        String content = "{\"a\": 1}\n[ [{\"b\": 2}, {\"c\": 3}], \"text\", 42 , true, null ]\n{\"d\":\n 4}";
        assertThat(raws(read("xapi.json", content))).containsExactly(
                "{\"a\": 1}", "[{\"b\": 2}, {\"c\": 3}]", "\"text\"", "42", "true", "null", "{\"d\":\n 4}");
    }

    @Test
    void anEmptyDocumentHasNoRecords() throws IOException {
        assertThat(read("xapi.json", "")).isEmpty();
        assertThat(read("caliper.json", " \n\t\n")).isEmpty();
        assertThat(read("video.json", "[]")).isEmpty();
    }

    @Test
    void duplicateKeysAreLeftForTheParserToReport() throws IOException {
        String dup = "{\"id\": \"s1\", \"id\": \"s2\"}";
        assertThat(raws(read("xapi.json", "[" + dup + "]"))).containsExactly(dup);
    }

    @Test
    void theRestOfAMalformedDocumentIsOneLastRecord() throws IOException {
        assertThat(raws(read("xapi.json", "[{\"a\": 1},\n {\"b\": ]\n, {\"c\": 3}]")))
                .containsExactly("{\"a\": 1}", "{\"b\": ]\n, {\"c\": 3}]");
        assertThat(raws(read("caliper.json", "{\"a\": 1} oops"))).containsExactly("{\"a\": 1}", "oops");
        assertThat(raws(read("xapi.json", "[{\"a\": 1}"))).containsExactly("{\"a\": 1}");
    }

    @Test
    void longDocumentsAreReadRecordByRecord() throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String rec = "{\"n\": " + i + ", \"text\": \"" + "é✓".repeat(i % 7) + "\"}";
            expected.add(rec);
            sb.append(i == 0 ? "  " : ",\n  ").append(rec);
        }
        sb.append("\n]");
        assertThat(raws(read("xapi.json", sb.toString()))).isEqualTo(expected);
    }

    @Test
    void aDirectoryContributesJsonDocumentsNamedAfterASource() throws IOException {
        for (String name : List.of("xapi.json", "caliper-openedx.json", "video.jsonl", "catalog.json", "params.json")) {
            Files.writeString(dir.resolve(name), "[]");
        }
        assertThat(FileInputs.of(dir)).extracting(i -> i.name)
                .containsExactly("caliper-openedx.json", "video", "xapi.json");
        Path lonely = Files.createDirectories(dir.resolve("only-config"));
        Files.writeString(lonely.resolve("catalog.json"), "{}");
        assertThatThrownBy(() -> FileInputs.of(lonely)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no .jsonl files, nor .json files named after a source");
        assertThatThrownBy(() -> FileInputs.of(dir.resolve("catalog.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot tell which source");
    }

    @Test
    void inputsAreNamedSoThatALinesFileAndADocumentDoNotClash() throws IOException {
        Path both = Files.createDirectories(dir.resolve("both"));
        Files.writeString(both.resolve("xapi.jsonl"), "");
        Files.writeString(both.resolve("xapi.json"), "[]");
        List<FusionJob.Input> inputs = FileInputs.of(both);
        assertThat(inputs).extracting(i -> i.name).containsExactly("xapi.json", "xapi");
    }
}
