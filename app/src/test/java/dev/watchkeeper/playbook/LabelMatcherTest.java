package dev.watchkeeper.playbook;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelMatcherTest {

    private static final Map<String, String> RANKER_PROD = Map.of("service", "ranker", "env", "prod");

    @Test
    void equality() {
        assertTrue(LabelMatcher.parse("service=ranker").matches(RANKER_PROD));
        assertFalse(LabelMatcher.parse("service=rank").matches(RANKER_PROD));
        assertTrue(LabelMatcher.parse("service = \"ranker\"").matches(RANKER_PROD), "quoted value, spaces around =");
        assertTrue(LabelMatcher.parse("team=").matches(RANKER_PROD), "empty value matches a missing label");
    }

    @Test
    void negation() {
        assertTrue(LabelMatcher.parse("team!=data").matches(RANKER_PROD), "a missing label is not 'data'");
        assertFalse(LabelMatcher.parse("env!=prod").matches(RANKER_PROD));
    }

    @Test
    void regexIsAnchoredAtBothEnds() {
        assertTrue(LabelMatcher.parse("env=~prod|staging").matches(RANKER_PROD));
        assertFalse(LabelMatcher.parse("env=~pro").matches(RANKER_PROD), "anchored: 'pro' does not match 'prod'");
        assertTrue(LabelMatcher.parse("service=~rank.*").matches(RANKER_PROD));
        assertFalse(LabelMatcher.parse("team=~.+").matches(RANKER_PROD), "a missing label reads as empty");
    }

    @Test
    void negativeRegex() {
        assertTrue(LabelMatcher.parse("env!~dev|staging").matches(RANKER_PROD));
        assertFalse(LabelMatcher.parse("env!~pr.*").matches(RANKER_PROD));
        assertTrue(LabelMatcher.parse("team!~.+").matches(RANKER_PROD), "missing label: empty does not match .+");
    }

    @Test
    void badMatchersSayWhatIsWrong() {
        var noOp = assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parse("service ranker"));
        assertEquals("matcher 'service ranker' is not label=value, label!=value, label=~regex or label!~regex", noOp.getMessage());
        var badRegex = assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parse("env=~prod(|staging"));
        assertTrue(badRegex.getMessage().startsWith("matcher 'env=~prod(|staging': invalid regex: "), badRegex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelMatcher.parse("9env=prod"));
    }

    @Test
    void printsAsWritten() {
        assertEquals("env=~prod|staging", LabelMatcher.parse("env =~ prod|staging").toString());
        assertEquals("team!=data", LabelMatcher.parse("team!=data").toString());
    }
}
