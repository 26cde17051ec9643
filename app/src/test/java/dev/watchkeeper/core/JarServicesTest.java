package dev.watchkeeper.core;

import io.micronaut.core.io.service.SoftServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The list of a jar's services that the build writes into it, and the loaders Micronaut is given from it. */
class JarServicesTest {

    @TempDir
    Path dir;

    @Test
    void theBuildListsEveryServiceOfTheJarAsMicronautWouldFindIt() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/micronaut/test.Definitions/", null);
            entry(out, "META-INF/micronaut/test.Definitions/java.util.ArrayList", "");
            entry(out, "META-INF/micronaut/test.Definitions/no.such.Definition", "");
            entry(out, "META-INF/micronaut/test.Definitions/nested/not.a.Service", "");
            entry(out, "META-INF/services/test.Plain", "# comment\njava.lang.StringBuilder # why\n\n  no.such.Plain  \n");
            entry(out, "META-INF/services/nested/not.a.Service", "java.lang.Object\n");
            entry(out, "dev/Other.class", "not a class");
        }

        JarServices.main(new String[]{jar.toString()});

        Map<String, List<String>> listed;
        try (JarFile file = new JarFile(jar.toFile());
             InputStream in = file.getInputStream(file.getEntry(JarServices.INDEX))) {
            listed = JarServices.parse(in);
        }
        assertEquals(Map.of(
                "test.Definitions", List.of("java.util.ArrayList", "no.such.Definition"),
                "test.Plain", List.of("java.lang.StringBuilder", "no.such.Plain")), listed);

        // A class that is not there is left out, as Micronaut leaves it out; every other one is created.
        Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders =
                JarServices.loaders(listed, getClass().getClassLoader());
        List<?> definitions = loaders.get("test.Definitions").load(name -> true, null);
        assertEquals(1, definitions.size(), definitions.toString());
        assertInstanceOf(ArrayList.class, definitions.getFirst());
        assertEquals(1, loaders.get("test.Definitions").findAll(name -> true).count());
        assertInstanceOf(StringBuilder.class, loaders.get("test.Plain").findAll(name -> true).findFirst()
                .orElseThrow().load());
        // The name condition and the instance predicate Micronaut passes are both applied.
        assertTrue(loaders.get("test.Plain").load(name -> !name.startsWith("java."), null).isEmpty());
        assertTrue(loaders.get("test.Plain").load(name -> true, s -> false).isEmpty());
        // The jar is the whole class path: a type it lists nothing for has no services, and Micronaut need not look.
        assertTrue(loaders.containsKey("io.micronaut.context.ApplicationContextCustomizer"));
        assertNotNull(loaders.get("io.micronaut.context.ApplicationContextCustomizer"));
        assertTrue(loaders.get("io.micronaut.context.ApplicationContextCustomizer").load(name -> true, null).isEmpty());
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (text != null) {
            OutputStream o = out;
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
