package dev.watchkeeper.core;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Tells Micronaut which services the runnable jar holds before Micronaut looks for them itself. Micronaut lists the
 * {@code META-INF/micronaut/<service>/} folders (one entry per bean definition) by opening the jar as a zip file
 * system, which indexes all of its 35,000 entries as a tree: 60 to 90 ms of every command's start (JFR, class-load
 * timestamps). The build writes the list once into the jar ({@link #main}, run right after packaging); a start
 * reads that one entry.
 *
 * <p>The list holds exactly what Micronaut would find: every class named under {@code META-INF/micronaut/<service>/}
 * or in {@code META-INF/services/<service>}; a class that cannot be loaded is left out when it is asked for, as
 * Micronaut leaves it out. Without the list (tests and IDEs run from folders and jars) Micronaut looks as usual.
 * {@link #install} must run before anything touches Micronaut's service loader, which reads the list once; the
 * command line calls it once a command is parsed, so help and usage errors do not pay for it.
 */
public final class JarServices {

    private static final String MICRONAUT = "META-INF/micronaut/";
    private static final String SERVICES = "META-INF/services/";
    /** Where the build writes the index in the runnable jar. */
    static final String INDEX = "META-INF/watchkeeper/services.tsv";

    private JarServices() {
    }

    private static boolean installed;

    /**
     * Installs the services listed in the jar's index for Micronaut, once per JVM; does nothing when the index is
     * missing (the application runs from classes and jars, not the runnable jar) or when other entries share the
     * class path (the index lists the runnable jar's services only).
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator)) {
            return;
        }
        Map<String, List<String>> services;
        try (InputStream in = JarServices.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return;
            }
            services = parse(in);
        } catch (IOException | RuntimeException e) {
            return; // Micronaut finds them itself, only more slowly
        }
        ClassLoader loader = JarServices.class.getClassLoader();
        StaticOptimizations.set(new SoftServiceLoader.Optimizations(loaders(services, loader)));
    }

    /** Micronaut's loaders for these services: any other type has none. */
    static Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders(Map<String, List<String>> services,
                                                                         ClassLoader loader) {
        Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders = new AllTypes(loader);
        services.forEach((type, names) -> loaders.put(type, new Listed<>(names, loader)));
        return loaders;
    }

    /**
     * Writes the index into the runnable jar (the build runs this right after packaging it):
     * {@code JarServices <jar>}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: JarServices <runnable jar>");
        }
        Path jar = Path.of(args[0]);
        StringBuilder index = new StringBuilder();
        read(jar).forEach((type, names) -> names.forEach(name -> index.append(type).append('\t').append(name).append('\n')));
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Path entry = zip.getPath(INDEX);
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, index);
        }
    }

    /** The index's lines, "service type TAB class name", grouped by type in the jar's order. */
    static Map<String, List<String>> parse(InputStream in) throws IOException {
        Map<String, List<String>> services = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                services.computeIfAbsent(line.substring(0, tab), t -> new ArrayList<>()).add(line.substring(tab + 1));
            }
        }
        return services;
    }

    /** Service type to the class names the jar lists for it, in the jar's order. */
    static Map<String, Set<String>> read(Path jar) throws IOException {
        Map<String, Set<String>> services = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith("META-INF/") || entry.isDirectory()) {
                    continue;
                }
                if (name.startsWith(MICRONAUT)) {
                    int slash = name.indexOf('/', MICRONAUT.length());
                    if (slash > 0 && slash < name.length() - 1 && name.indexOf('/', slash + 1) < 0) {
                        services.computeIfAbsent(name.substring(MICRONAUT.length(), slash), t -> new LinkedHashSet<>())
                                .add(name.substring(slash + 1));
                    }
                } else if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
                    Set<String> names = services.computeIfAbsent(name.substring(SERVICES.length()),
                            t -> new LinkedHashSet<>());
                    try (InputStream in = file.getInputStream(entry)) {
                        names.addAll(serviceLines(in));
                    }
                }
            }
        }
        return services;
    }

    /** The class names of a {@code META-INF/services} file: comments and blank lines left out. */
    private static List<String> serviceLines(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int hash = line.indexOf('#');
            String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Every service type, listed or not: the jar is the whole class path, so a type it lists nothing for has no
     * services (Micronaut asks for several such types, and each question it answered itself would list the jar).
     */
    private static final class AllTypes extends HashMap<String, SoftServiceLoader.StaticServiceLoader<?>> {

        private final transient SoftServiceLoader.StaticServiceLoader<?> none;

        AllTypes(ClassLoader loader) {
            none = new Listed<>(List.of(), loader);
        }

        @Override
        public SoftServiceLoader.StaticServiceLoader<?> get(Object type) {
            SoftServiceLoader.StaticServiceLoader<?> listed = super.get(type);
            return listed == null ? none : listed;
        }

        @Override
        public boolean containsKey(Object type) {
            return true;
        }
    }

    /** One service type's classes: created on demand, a class that cannot be loaded left out. */
    private record Listed<S>(List<String> names, ClassLoader loader) implements SoftServiceLoader.StaticServiceLoader<S> {

        private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);

        @Override
        public Stream<SoftServiceLoader.StaticDefinition<S>> findAll(Predicate<String> condition) {
            return names.stream()
                    .filter(condition)
                    .filter(name -> type(name) != null)
                    .map(name -> SoftServiceLoader.StaticDefinition.of(name, () -> create(name)));
        }

        @Override
        public List<S> load(Predicate<String> condition, Predicate<S> predicate) {
            return names.stream()
                    .filter(condition)
                    .map(this::create)
                    .filter(Objects::nonNull)
                    .filter(s -> predicate == null || predicate.test(s))
                    .toList();
        }

        private static boolean missingClass(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                    return true;
                }
            }
            return false;
        }

        private Class<?> type(String name) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                return null; // as Micronaut's own loader: a service whose class or dependencies are missing is skipped
            }
        }

        @SuppressWarnings("unchecked")
        private S create(String name) {
            Class<?> type = type(name);
            if (type == null) {
                return null;
            }
            try {
                return (S) MethodHandles.publicLookup().findConstructor(type, NO_ARGUMENTS).invoke();
            } catch (Throwable e) {
                if (missingClass(e)) {
                    return null; // its class is there but one it needs is not (e.g. javax.inject)
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                if (e instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException("cannot create service " + name, e);
            }
        }
    }
}
