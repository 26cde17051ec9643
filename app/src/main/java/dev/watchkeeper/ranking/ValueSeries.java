package dev.watchkeeper.ranking;

/** Numeric values with their times, sorted by time, for "how unusual is this value" as of an instant. */
final class ValueSeries {

    private long[] t = new long[4];
    private double[] v = new double[4];
    private int n;

    void add(long time, double value) {
        if (n == t.length) {
            t = java.util.Arrays.copyOf(t, n * 2);
            v = java.util.Arrays.copyOf(v, n * 2);
        }
        int i = n;
        while (i > 0 && t[i - 1] > time) {
            i--;
        }
        System.arraycopy(t, i, t, i + 1, n - i);
        System.arraycopy(v, i, v, i + 1, n - i);
        t[i] = time;
        v[i] = value;
        n++;
    }

    private int countBefore(long time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {z-score of {@code value}, share of values below it, how many values} among values in
     * {@code [from, to)}; the first two are 0 with fewer than 5 values.
     */
    double[] standing(long from, long to, double value) {
        int a = countBefore(from);
        int b = countBefore(to);
        int k = b - a;
        if (k < 5) {
            return new double[]{0, 0, k};
        }
        double sum = 0;
        double sq = 0;
        int below = 0;
        for (int i = a; i < b; i++) {
            sum += v[i];
            sq += v[i] * v[i];
            if (v[i] < value) {
                below++;
            }
        }
        double mean = sum / k;
        double sd = Math.sqrt(Math.max(0, sq / k - mean * mean));
        double z = sd < 1e-12 ? 0 : Math.max(-10, Math.min(10, (value - mean) / sd));
        return new double[]{z, below / (double) k, k};
    }

    /** Values in {@code [from, to)} at most (side &lt; 0) or at least (side &gt; 0) {@code value}. */
    int countSide(long from, long to, double value, int side) {
        int a = countBefore(from);
        int b = countBefore(to);
        int k = 0;
        for (int i = a; i < b; i++) {
            if (side < 0 ? v[i] <= value : v[i] >= value) {
                k++;
            }
        }
        return k;
    }
}
