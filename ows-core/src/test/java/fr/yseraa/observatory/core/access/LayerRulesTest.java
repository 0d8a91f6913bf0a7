package fr.yseraa.observatory.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayerRulesTest {

    static final Caller PUBLIC = Caller.anonymous();
    static final Caller PARTNER = new Caller("p", Set.of("partner"));

    @Test
    void theFirstMatchingRuleDecides() {
        LayerRules rules = new LayerRules(List.of(
                new LayerRules.Rule("sinp:occurrences", Set.of("partner", "instructor")),
                new LayerRules.Rule("sinp:*", Set.of(LayerRules.EVERYBODY)),
                new LayerRules.Rule("obs:*_commune", Set.of("partner"))));
        assertThat(rules.mayRead("sinp:occurrences", PUBLIC)).isFalse();
        assertThat(rules.mayRead("sinp:occurrences", PARTNER)).isTrue();
        assertThat(rules.mayRead("sinp:occurrences_maille", PUBLIC)).isTrue();
        assertThat(rules.mayRead("obs:indicateurs_commune", PUBLIC)).isFalse();
        assertThat(rules.mayRead("obs:indicateurs_commune", PARTNER)).isTrue();
        assertThat(rules.mayRead("obs:communes", PARTNER)).as("no rule matches: nobody").isFalse();
    }

    @Test
    void patternsAreNotRegularExpressions() {
        LayerRules rules = new LayerRules(List.of(new LayerRules.Rule("obs:a.b", Set.of(LayerRules.EVERYBODY))));
        assertThat(rules.mayRead("obs:a.b", PUBLIC)).isTrue();
        assertThat(rules.mayRead("obs:aXb", PUBLIC)).isFalse();
        assertThat(LayerRules.openToAll().mayRead("any:thing", PUBLIC)).isTrue();
    }

    @Test
    void writingNeedsAWriteRuleAndTheRightToRead() {
        Caller producer = new Caller("q", Set.of("producer"));
        LayerRules rules = new LayerRules(
                List.of(new LayerRules.Rule("sinp:occurrences", Set.of("partner")),
                        new LayerRules.Rule("*", Set.of(LayerRules.EVERYBODY))),
                List.of(new LayerRules.Rule("sinp:occurrences", Set.of("producer")),
                        new LayerRules.Rule("obs:*", Set.of("partner"))));
        assertThat(rules.mayWrite("obs:obstacles", PARTNER)).isTrue();
        assertThat(rules.mayWrite("obs:obstacles", PUBLIC)).isFalse();
        assertThat(rules.mayWrite("sinp:occurrences", PARTNER)).as("no write rule for partners").isFalse();
        assertThat(rules.mayWrite("sinp:occurrences", producer)).as("a write rule, but no right to read").isFalse();
        assertThat(rules.mayWrite("sinp:occurrences", new Caller("r", Set.of("producer", "partner")))).isTrue();
        assertThat(LayerRules.openToAll().mayWrite("any:thing", PARTNER)).as("nobody writes by default").isFalse();
    }

    @Test
    void writingNeedsAWriteRuleAndReading() {
        LayerRules rules = new LayerRules(
                List.of(new LayerRules.Rule("obs:*", Set.of(LayerRules.EVERYBODY)),
                        new LayerRules.Rule("sinp:occurrences", Set.of("instructor"))),
                List.of(new LayerRules.Rule("obs:obstacles", Set.of("partner")),
                        new LayerRules.Rule("sinp:*", Set.of("partner")),
                        new LayerRules.Rule("obs:*", Set.of(LayerRules.EVERYBODY))));
        assertThat(rules.mayWrite("obs:obstacles", PARTNER)).isTrue();
        assertThat(rules.mayWrite("obs:obstacles", PUBLIC)).as("the first matching rule decides").isFalse();
        assertThat(rules.mayWrite("obs:communes", PUBLIC)).isTrue();
        assertThat(rules.mayWrite("sinp:occurrences", PARTNER)).as("a layer it cannot read").isFalse();
        assertThat(new LayerRules(rules.rules()).mayWrite("obs:communes", PARTNER)).as("no write rules: nobody")
                .isFalse();
        assertThat(LayerRules.openToAll().mayWrite("obs:communes", PARTNER)).isFalse();
    }
}
