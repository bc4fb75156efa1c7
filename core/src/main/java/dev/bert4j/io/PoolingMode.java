package dev.bert4j.io;

import java.util.Locale;

/** The sentence-transformers pooling modes, with their {@code 1_Pooling/config.json} keys. */
public enum PoolingMode {
    CLS("pooling_mode_cls_token", "cls"),
    MEAN("pooling_mode_mean_tokens", "mean"),
    MAX("pooling_mode_max_tokens", "max"),
    MEAN_SQRT_LEN_TOKENS("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"),
    WEIGHTED_MEAN("pooling_mode_weightedmean_tokens", "weightedmean"),
    LAST_TOKEN("pooling_mode_lasttoken", "lasttoken");

    private final String configKey;
    private final String shortName;

    PoolingMode(String configKey, String shortName) {
        this.configKey = configKey;
        this.shortName = shortName;
    }

    public String configKey() {
        return configKey;
    }

    /** The name used by sentence-transformers' {@code pooling_mode} argument and the CLI. */
    public String shortName() {
        return shortName;
    }

    public static PoolingMode fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (PoolingMode m : values()) {
            if (m.shortName.equals(n) || m.configKey.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown pooling mode '" + name
                + "'; use cls, mean, max, mean_sqrt_len_tokens, weightedmean or lasttoken");
    }
}
