package io.rnnkit.apps;

import picocli.CommandLine.IVersionProvider;

/** Reports the rnnkit version recorded in the jar manifest. */
public final class RnnkitVersion implements IVersionProvider {

    /** The version of this build, or "dev" when run from classes rather than a jar. */
    public static String current() {
        String version = RnnkitVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rnnkit " + current()};
    }
}
