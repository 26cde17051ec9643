package dev.watchkeeper.rotation;

/**
 * The primary of a rotation changed (shift change, override, swap) or was seen for the first time
 * since the server started ({@code previous} null). Published so a surface can keep the rotation's
 * user group ({@code userGroup}, e.g. Slack's {@code @ml-oncall}) on the current primary.
 */
public record PrimaryChanged(String rotation, String userGroup, String previous, String current) {
}
