package dev.watchkeeper.knowledge;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * When two notes say the same thing. The rule: lower-case both, split into words on anything that is not a
 * letter or digit, drop a few filler words and a plural "s", and compare the two sets of words by Jaccard
 * similarity (shared words / all words). At {@link #SAME} or more they are near-duplicates and merge.
 */
public final class NoteSimilarity {

    public static final double SAME = 0.6;

    private static final Set<String> FILLER = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been", "it",
            "its", "to", "of", "and", "or", "in", "on", "at", "for", "this", "that", "with", "by", "as", "so", "we",
            "i", "you", "just", "then", "there", "usually", "again");

    private NoteSimilarity() {
    }

    public static Set<String> words(String text) {
        Set<String> out = new TreeSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (w.isEmpty() || FILLER.contains(w)) {
                continue;
            }
            out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }

    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        int shared = 0;
        for (String w : a) {
            if (b.contains(w)) {
                shared++;
            }
        }
        return (double) shared / union.size();
    }

    public static boolean same(String a, String b) {
        return jaccard(words(a), words(b)) >= SAME;
    }
}
