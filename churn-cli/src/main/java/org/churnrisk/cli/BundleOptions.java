package org.churnrisk.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@link BookReadOptions} and {@code --model}, for the commands that apply a trained bundle to a book. */
class BundleOptions extends BookReadOptions {
    @Option(names = "--model", required = true, paramLabel = "<model-dir>", descriptionKey = "model",
            description = "A bundle written by churn train.")
    private Path model;

    /** The bundle's directory, as given. */
    Path modelDir() {
        return model;
    }

    /** As {@link BookOptions#outputGuard()}, and the bundle read: nothing is written inside it. */
    @Override
    OutputGuard outputGuard() {
        return super.outputGuard().readsFolder("the model bundle --model", model);
    }
}
