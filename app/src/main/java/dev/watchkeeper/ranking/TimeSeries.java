package dev.watchkeeper.ranking;

/**
 * Event times (epoch millis) kept sorted, so that "how many before t" and "how many in [from, to)" are
 * binary searches. Events arrive almost in time order, so inserting is an append nearly always.
 */
final class TimeSeries {

    private long[] t = new long[4];
    private int n;

    void add(long time) {
        if (n == t.length) {
            t = java.util.Arrays.copyOf(t, n * 2);
        }
        int i = n;
        while (i > 0 && t[i - 1] > time) {
            i--;
        }
        System.arraycopy(t, i, t, i + 1, n - i);
        t[i] = time;
        n++;
    }

    /** How many events happened strictly before {@code time}. */
    int countBefore(long time) {
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

    /** Events in {@code [from, to)}. */
    int countIn(long from, long to) {
        return countBefore(to) - countBefore(from);
    }

    /** The last event strictly before {@code time}, or {@link Long#MIN_VALUE}. */
    long lastBefore(long time) {
        int k = countBefore(time);
        return k == 0 ? Long.MIN_VALUE : t[k - 1];
    }

    int size() {
        return n;
    }
}
