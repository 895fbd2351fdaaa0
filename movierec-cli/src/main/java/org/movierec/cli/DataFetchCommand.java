package org.movierec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.movierec.data.fetch.Downloader;
import org.movierec.data.fetch.MovieLensArchive;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec data fetch NAME}: download, verify and unpack an official MovieLens archive. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download an official MovieLens archive from GroupLens, verify its MD5 and unpack it "
                + "into DIR (ml-10m unpacks to DIR/ml-10M100K, the others to DIR/NAME).",
            "An interrupted download is resumed on the next run. The mirror can also be set with "
                + "the environment variable " + Downloader.MIRROR_ENV + "."})
public final class DataFetchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m, ml-latest-small or ml-latest.")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data",
            description = "Directory to install into (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Base URL holding NAME.zip and NAME.zip.md5, instead of "
                    + "https://files.grouplens.org/datasets/movielens/ (plain http allowed).")
    String mirror;

    @Option(names = "--force", description = "Download and replace the dataset even if DIR/NAME exists.")
    boolean force;

    @Option(names = "--keep-archive", description = "Keep the verified NAME.zip after unpacking.")
    boolean keepArchive;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up on a silent connection after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        MovieLensArchive archive = MovieLensArchive.byName(name);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeoutSeconds);
        }
        Downloader.Builder b = Downloader.builder().keepArchive(keepArchive)
                .readTimeout(Duration.ofSeconds(timeoutSeconds)).mirrorFromEnvironment(System.getenv());
        if (mirror != null) {
            b.mirror(mirror);
        }
        Downloader downloader = b.build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (downloader.plainHttpToRemoteHost()) {
            err.println("warning: " + downloader.base() + " is plain http; only the MD5 check protects the download");
            err.flush();
        }
        Downloader.Result r = downloader.fetch(archive, dir, force, ConsoleProgress.forConsole());
        if (r.status() == Downloader.Status.ALREADY_PRESENT) {
            out.println(archive.archiveName() + " is already in " + r.directory() + " (use --force to download it again)");
        } else {
            out.println("fetched " + archive.fileName() + " from " + downloader.archiveUri(archive) + " (" + r.bytes()
                    + " bytes, MD5 " + r.md5() + " verified" + (r.resumed() ? ", resumed" : "") + ") into "
                    + r.directory());
        }
        out.flush();
        return 0;
    }
}
