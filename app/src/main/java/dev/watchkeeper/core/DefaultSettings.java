package dev.watchkeeper.core;

import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The default of every setting, with the environment variable that changes it: {@code watchkeeper-defaults.yml}
 * (docs/configuration.md lists them). Every application context adds this source where Micronaut would read an
 * {@code application.yml}, and at the same precedence (environment variables and system properties win). Not
 * named {@code application.yml} because Micronaut reads that file by opening the whole jar as a file system, about
 * a tenth of a second of every command's start; the class loader reads it from the open jar at once.
 */
public final class DefaultSettings {

    static final String RESOURCE = "watchkeeper-defaults.yml";

    private DefaultSettings() {
    }

    public static PropertySource source() {
        try (InputStream in = DefaultSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            Map<String, Object> values = new YamlPropertySourceLoader().read(RESOURCE, in);
            return PropertySource.of(RESOURCE, values, AbstractPropertySourceLoader.DEFAULT_POSITION);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
