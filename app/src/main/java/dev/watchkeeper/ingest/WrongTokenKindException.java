package dev.watchkeeper.ingest;

/**
 * A valid token sent to an endpoint of another kind (HTTP 403): an {@code alertmanager} integration's token
 * at {@code /ingest/grafana}, say. The message names the token's kind and where that kind belongs.
 */
public class WrongTokenKindException extends RuntimeException {

    private final String tokenKind;
    private final String endpoint;
    private final String endpointKind;

    public WrongTokenKindException(String integration, String tokenKind, String endpoint, String endpointKind) {
        super("the token of integration '" + integration + "' is " + a(tokenKind) + " token, accepted at "
                + IntegrationService.pathsFor(tokenKind) + "; " + endpoint + " takes " + endpointKind + " tokens");
        this.tokenKind = tokenKind;
        this.endpoint = endpoint;
        this.endpointKind = endpointKind;
    }

    public String tokenKind() {
        return tokenKind;
    }

    /** The one-line problem, for the {@code token} field. */
    public String problem() {
        return "is " + a(tokenKind) + " token; send it to " + IntegrationService.pathsFor(tokenKind)
                + ", or use " + a(endpointKind) + " integration's token at " + endpoint;
    }

    private static String a(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
