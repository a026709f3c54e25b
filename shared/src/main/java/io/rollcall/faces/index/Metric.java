package io.rollcall.faces.index;

/** How FAISS compares vectors. The codes are FAISS's own {@code MetricType} values. */
public enum Metric {
    /** Higher is closer; equals cosine similarity when the vectors are L2-normalised. */
    INNER_PRODUCT(0),
    /** Squared Euclidean distance; lower is closer. */
    L2(1);

    final int code;

    Metric(int code) {
        this.code = code;
    }

    static Metric of(int code) {
        for (Metric m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new FaissException("unsupported FAISS metric type " + code);
    }
}
