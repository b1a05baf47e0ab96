package io.learnpulse.core.format.xapi;

import static io.learnpulse.core.format.Json.REMOVE;
import static io.learnpulse.core.format.Json.obj;
import static io.learnpulse.core.format.Json.text;
import static io.learnpulse.core.format.Json.with;
import static io.learnpulse.core.format.xapi.Statements.ADL;
import static io.learnpulse.core.format.xapi.Statements.INGEST;
import static io.learnpulse.core.format.xapi.Statements.answered;
import static io.learnpulse.core.format.xapi.Statements.page;
import static io.learnpulse.core.format.xapi.Statements.statement;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.core.event.EventKind;
import io.learnpulse.core.format.ParseResult;
import io.learnpulse.core.format.ParserSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arrays of statements and the ids derived for statements without one. */
class XapiBatchesAndIdsTest {

    private final XapiParser parser = new XapiParser(ParserSettings.defaults());

    private List<ParseResult> parseAll(String payload) {
        List<ParseResult> out = new ArrayList<>();
        parser.parse("xapi", payload, INGEST, out::add);
        return out;
    }

    private String idOf(ObjectNode st) {
        List<ParseResult> rs = parseAll(text(st));
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter).isNull();
        return rs.get(0).event.eventId;
    }

    @Test
    void eachStatementOfAnArrayIsParsedOnItsOwn() {
        String good1 = text(answered());
        String bad = text(with(statement(ADL + "experienced", page()), "actor.mbox", "ada@example.edu"));
        String good2 = text(with(statement(ADL + "experienced", page()), "id", "0f7c6f1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5"));
        String payload = "[ " + good1 + " ,\n" + bad + "," + good2 + "]";

        List<ParseResult> rs = parseAll(payload);

        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).event.kind).isEqualTo(EventKind.ATTEMPT);
        assertThat(rs.get(1).deadLetter.reason).isEqualTo("invalid_field");
        assertThat(rs.get(1).deadLetter.error).isEqualTo("xAPI: actor.mbox must be a mailto IRI, e.g. "
                + "mailto:learner@example.com (was 'ada@example.edu') (statement 2 of 3)");
        assertThat(rs.get(1).deadLetter.raw).isEqualTo(bad);
        assertThat(rs.get(1).deadLetter.source).isEqualTo("xapi");
        assertThat(rs.get(1).deadLetter.receivedAt).isEqualTo(INGEST);
        assertThat(rs.get(2).event.kind).isEqualTo(EventKind.CLICK);
        assertThat(rs.get(2).event.eventId).isEqualTo("0f7c6f1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5");
    }

    @Test
    void anElementThatIsNotAnObjectIsADeadLetterOfItsOwn() {
        List<ParseResult> rs = parseAll("[\"hello\", " + text(answered()) + ", 42]");
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).deadLetter.error)
                .isEqualTo("xAPI: a statement must be a JSON object (was 'hello') (statement 1 of 3)");
        assertThat(rs.get(0).deadLetter.raw).isEqualTo("\"hello\"");
        assertThat(rs.get(1).ok()).isTrue();
        assertThat(rs.get(2).deadLetter.error)
                .isEqualTo("xAPI: a statement must be a JSON object (was 42) (statement 3 of 3)");
        assertThat(rs.get(2).deadLetter.raw).isEqualTo("42");
    }

    @Test
    void anEmptyArrayIsOneDeadLetter() {
        List<ParseResult> rs = parseAll(" [ ] ");
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter.reason).isEqualTo("missing_field");
        assertThat(rs.get(0).deadLetter.error).isEqualTo("xAPI: the array holds no statements");
        assertThat(rs.get(0).deadLetter.raw).isEqualTo(" [ ] ");
    }

    @Test
    void aSyntaxErrorAnywhereRejectsTheWholeArray() {
        String payload = "[" + text(answered()) + ", {\"actor\": }]";
        List<ParseResult> rs = parseAll(payload);
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).deadLetter.reason).isEqualTo("malformed_json");
        assertThat(rs.get(0).deadLetter.raw).isEqualTo(payload);
    }

    @Test
    void aStatementWithoutIdGetsAnIdDerivedFromItsContent() {
        String id = idOf(with(answered(), "id", REMOVE));
        assertThat(id).startsWith("xapi-").hasSize(37);
        assertThat(id.substring(5)).matches("[0-9a-f]{32}");
    }

    @Test
    void theDerivedIdIsTheDocumentedHashOfTheCanonicalStatement() throws Exception {
        ObjectNode st = obj(
                "verb", obj("id", ADL + "experienced"),
                "timestamp", "2026-03-02T11:15:30.250+01:00",
                "object", obj("id", "https://lms.example.edu/p1"),
                "actor", obj("mbox", "mailto:ada@example.edu"),
                "result", obj("score", obj("raw", 5.0, "max", 10)),
                "context", obj("platform", "Algebra app"),
                "stored", "2026-03-02T10:16:00Z",
                "version", "1.0.3");
        String canonical = "{\"actor\":{\"mbox\":\"mailto:ada@example.edu\"},"
                + "\"context\":{\"platform\":\"Algebra app\"},"
                + "\"object\":{\"id\":\"https://lms.example.edu/p1\"},"
                + "\"result\":{\"score\":{\"max\":10,\"raw\":5}},"
                + "\"timestamp\":1772446530250,"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"}}";
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        String expected = "xapi-" + HexFormat.of().formatHex(sha, 0, 16);

        assertThat(idOf(st)).isEqualTo(expected);
    }

    @Test
    void theDerivedIdIgnoresPresentationAndWhatAnLrsSets() throws Exception {
        ObjectNode st = with(answered(), "id", REMOVE);
        String id = idOf(st);
        // key order (reversed at every level) and whitespace
        String reordered = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(reversed(st));
        assertThat(reordered).isNotEqualTo(text(st));
        List<ParseResult> rs = parseAll(reordered);
        assertThat(rs.get(0).deadLetter).isNull();
        assertThat(rs.get(0).event.eventId).isEqualTo(id);
        // the same instant in another offset, a number written differently, LRS properties
        assertThat(idOf(with(st, "timestamp", "2026-03-02T05:15:30.250-05:00"))).isEqualTo(id);
        assertThat(idOf(with(st, "result.score.raw", 5.0))).isEqualTo(id);
        assertThat(idOf(with(with(with(st, "stored", "2026-03-03T00:00:00Z"), "version", REMOVE), "authority",
                obj("mbox", "mailto:lrs@example.edu")))).isEqualTo(id);
    }

    private static com.fasterxml.jackson.databind.JsonNode reversed(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            ObjectNode out = obj();
            for (String name : names) {
                out.set(name, reversed(n.get(name)));
            }
            return out;
        }
        return n;
    }

    @Test
    void theDerivedIdChangesWithWhatHappened() {
        ObjectNode st = with(answered(), "id", REMOVE);
        String id = idOf(st);
        assertThat(idOf(with(st, "result.score.raw", 6))).isNotEqualTo(id);
        assertThat(idOf(with(st, "timestamp", "2026-03-02T10:15:30.251Z"))).isNotEqualTo(id);
        assertThat(idOf(with(st, "actor.mbox", "mailto:bo@example.edu"))).isNotEqualTo(id);
    }
}
