package io.rnnkit.apps;

import io.rnnkit.models.bundle.Provenance;
import picocli.CommandLine.IVersionProvider;

/** Reports the rnnkit version recorded in the jar manifest. */
public final class RnnkitVersion implements IVersionProvider {

    /** The version of this build, or "dev" when run from classes rather than a jar; the one model bundles record. */
    public static String current() {
        return Provenance.runningVersion();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rnnkit " + current()};
    }
}
