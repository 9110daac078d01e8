package org.churnrisk.train.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.churnrisk.features.Feature;

/**
 * Interim, until bundles carry the compiled scorer: what churn-score's {@code ChurnModel.load}
 * needs from a bundle (its compiled scorer and the provenance the run summary records), found by
 * name so that churn-score does not depend on this module. Removed with format 2.
 */
public final class InterimScoring {
    private InterimScoring() {
    }

    /** The scorer and the summary's provenance of the bundle in {@code dir}. */
    public static Object[] load(Path dir) throws IOException {
        LoadedBundle bundle = ModelBundle.load(dir, Feature.SCHEMA);
        return new Object[] {bundle.scorer(), provenance(bundle)};
    }

    static Map<String, Object> provenance(LoadedBundle bundle) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", bundle.directory().toAbsolutePath().normalize().toString());
        m.put("algorithm", bundle.manifest().algorithm());
        m.put("created_by", bundle.manifest().createdBy());
        m.put("horizon_days", bundle.manifest().horizonDays());
        m.put("feature_schema", bundle.manifest().schemaVersion());
        m.put("calibration", bundle.manifest().calibration().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        m.put("model_sha256", bundle.modelSha256());
        // The training's inputs stay in bundle.json; the summary names the snapshots and the seed.
        Map<String, Object> trained = bundle.provenance();
        if (trained.get("snapshot_dates") instanceof List<?> dates && !dates.isEmpty()) {
            m.put("trained_snapshots", dates.size() + " from " + dates.get(0) + " to " + dates.get(dates.size() - 1));
        }
        if (trained.containsKey("seed")) {
            m.put("trained_seed", trained.get("seed"));
        }
        return m;
    }
}
