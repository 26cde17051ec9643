package dev.watchkeeper.rotation;

/**
 * How a shadow's guesses compare with the primaries' decisions.
 *
 * @param seen                paged alerts the shadow received a copy of
 * @param guesses             copies they answered "what would you do?" on
 * @param decided             guesses whose item the primary has decided
 * @param agreement           agreed / decided, or null before any
 * @param actionable          decided guesses on items the primary acted on
 * @param actionableAgreement of those, the share the shadow also said act, or null
 */
public record Readiness(String handle, int seen, int guesses, int decided, int agreed, Double agreement,
                        int actionable, int actionableAgreed, Double actionableAgreement) {

    public String describe() {
        return handle + ": " + seen + " alert" + (seen == 1 ? "" : "s") + " seen, " + guesses + " guess"
                + (guesses == 1 ? "" : "es") + ", agreement " + pct(agreed, decided) + ", on actionable alerts "
                + pct(actionableAgreed, actionable);
    }

    private static String pct(int n, int d) {
        return d == 0 ? "n/a" : Math.round(100.0 * n / d) + "% (" + n + "/" + d + ")";
    }
}
