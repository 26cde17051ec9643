package dev.watchkeeper.ranking;

import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.type.StructType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A trained ranker: a Smile classifier over {@link Features} plus Platt scaling fitted on the
 * validation window, so that {@link #probability} is a calibrated probability of action.
 */
public final class RankModel implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final List<String> features;
    private final double[] mean;
    private final double[] sd;
    private final LogisticRegression logistic;
    private final GradientTreeBoost trees;
    /** A plain Platt fit, in models saved before {@link #calibrate} shrank it toward the identity. */
    private LogisticRegression platt;
    private boolean calibrated;
    private double slope;
    private double intercept;
    private transient StructType schema;

    RankModel(String kind, List<String> features, double[] mean, double[] sd, LogisticRegression logistic,
              GradientTreeBoost trees) {
        this.kind = kind;
        this.features = List.copyOf(features);
        this.mean = mean;
        this.sd = sd;
        this.logistic = logistic;
        this.trees = trees;
    }

    public String kind() {
        return kind;
    }

    public List<String> features() {
        return features;
    }

    /** The classifier's own probability, before calibration (a blend averages both models' log-odds). */
    public double raw(double[] x) {
        if (logistic != null && trees != null) {
            return 1 / (1 + Math.exp(-(logit(logisticRaw(x)) + logit(treesRaw(x))) / 2));
        }
        return logistic != null ? logisticRaw(x) : treesRaw(x);
    }

    private double logisticRaw(double[] x) {
        double[] post = new double[2];
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - mean[i]) / sd[i];
        }
        logistic.predict(z, post);
        return post[1];
    }

    private double treesRaw(double[] x) {
        double[] post = new double[2];
        trees.predict(Tuple.of(schema(), x), post);
        return post[1];
    }

    /** Both models, their log-odds averaged. */
    static RankModel blend(RankModel logistic, RankModel trees) {
        return new RankModel("blend", logistic.features, logistic.mean, logistic.sd, logistic.logistic, trees.trees);
    }

    public double probability(double[] x) {
        return calibrated(raw(x));
    }

    /** The calibrated probability for a raw one. */
    double calibrated(double r) {
        if (calibrated) {
            return 1 / (1 + Math.exp(-(slope * logit(r) + intercept)));
        }
        if (platt == null) {
            return r;
        }
        // Models saved before the shrunk calibration below kept a plain Platt fit.
        double[] post = new double[2];
        platt.predict(new double[]{logit(r)}, post);
        return post[1];
    }

    /** Pseudo-count pulling the calibration toward leaving the model's probabilities as they are. */
    static final double CALIBRATION_PRIOR = 1000;

    /**
     * Platt scaling, {@code p = σ(a·logit(raw) + b)}, fitted on the hold-out with a penalty pulling
     * {@code (a, b)} toward {@code (1, 0)}. A plain fit on a hold-out of a few hundred rows swings from
     * one retraining to the next; scores from successive models then stop being comparable, and the
     * queue's order across a day's retrainings suffers (seen in walk-forward backtests).
     */
    void calibrate(double[] raw, int[] y) {
        double a = 1;
        double b = 0;
        double k = CALIBRATION_PRIOR;
        for (int iter = 0; iter < 100; iter++) {
            double ga = k * (a - 1);
            double gb = k * b;
            double haa = k;
            double hab = 0;
            double hbb = k;
            for (int i = 0; i < raw.length; i++) {
                double z = logit(raw[i]);
                double p = 1 / (1 + Math.exp(-(a * z + b)));
                double w = Math.max(p * (1 - p), 1e-12);
                ga += (p - y[i]) * z;
                gb += p - y[i];
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        slope = a;
        intercept = b;
        calibrated = true;
    }

    void calibrateLike(RankModel other) {
        platt = other.platt;
        calibrated = other.calibrated;
        slope = other.slope;
        intercept = other.intercept;
    }

    private StructType schema() {
        StructType s = schema;
        if (s == null) {
            s = DataFrame.of(new double[1][features.size()], features.toArray(String[]::new)).schema();
            schema = s;
        }
        return s;
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static RankModel fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (RankModel) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
