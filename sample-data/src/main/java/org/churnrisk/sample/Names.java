package org.churnrisk.sample;

import java.util.random.RandomGenerator;

/** Company and CSM names for generated books; plausible, fictional and deterministic. */
final class Names {
    private static final String[] FIRST = {
        "North", "Blue", "Silver", "Bright", "Iron", "Cedar", "Harbor", "Summit", "Granite", "Maple",
        "Pioneer", "Atlas", "Beacon", "Crescent", "Evergreen", "Falcon", "Golden", "Horizon", "Juniper",
        "Keystone", "Lakeside", "Meridian", "Nimbus", "Orchid", "Pacific", "Quarry", "Redwood", "Sterling",
        "Tidal", "Union", "Vantage", "Willow", "Zenith", "Aurora", "Birch", "Cobalt", "Delta", "Ember"};
    private static final String[] SECOND = {
        "wind", "peak", "field", "stone", "bridge", "gate", "line", "works", "point", "ridge", "brook",
        "vale", "crest", "path", "light", "wave"};
    private static final String[] INDUSTRY = {
        "Logistics", "Health", "Analytics", "Foods", "Energy", "Retail", "Capital", "Labs", "Media",
        "Manufacturing", "Software", "Insurance", "Travel", "Education", "Robotics", "Dental", "Legal",
        "Freight", "Biotech", "Hospitality"};
    private static final String[] LEGAL = {"", "", "", " Inc.", ", Inc.", " LLC", " Ltd", " GmbH", " & Co."};

    /** Customer Success Managers by tier; Starter accounts are served by a pooled digital team. */
    static final String[][] CSMS = {
        {"Digital Success"},
        {"Priya Natarajan", "Marcus Webb", "Elena Petrova", "Tom Okafor", "Grace Lindqvist", "Diego Alvarez"},
        {"Hannah Brooks", "Kenji Sato", "Amara Nwosu", "Lucas Moreau"}};

    private Names() {
    }

    static String company(RandomGenerator rng) {
        return FIRST[rng.nextInt(FIRST.length)] + SECOND[rng.nextInt(SECOND.length)] + " "
                + INDUSTRY[rng.nextInt(INDUSTRY.length)] + LEGAL[rng.nextInt(LEGAL.length)];
    }

    static String csm(int tier, RandomGenerator rng) {
        String[] pool = CSMS[tier];
        return pool[rng.nextInt(pool.length)];
    }
}
