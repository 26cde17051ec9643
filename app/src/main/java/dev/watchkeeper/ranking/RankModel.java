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
    private LogisticRegression platt;
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
        double r = raw(x);
        if (platt == null) {
            return r;
        }
        double[] post = new double[2];
        platt.predict(new double[]{logit(r)}, post);
        return post[1];
    }

    void calibrate(double[] raw, int[] y) {
        double[][] z = new double[raw.length][1];
        for (int i = 0; i < raw.length; i++) {
            z[i][0] = logit(raw[i]);
        }
        platt = LogisticRegression.binomial(z, y, new LogisticRegression.Options(1e-4, 1e-6, 200));
    }

    void calibrateLike(RankModel other) {
        platt = other.platt;
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
