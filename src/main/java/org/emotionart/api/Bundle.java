package org.emotionart.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.emotionart.export.BundleMetadata;
import org.emotionart.export.SavedModels;
import org.emotionart.model.SessionConfig;
import org.emotionart.util.FileTrees;
import org.emotionart.util.Json;
import org.tensorflow.SavedModelBundle;

/**
 * A loaded SavedModel with its emotion-art metadata. Accepts a model folder (the highest numeric
 * version inside is used, as TF Serving does) or a version folder.
 */
final class Bundle implements AutoCloseable {
    final Path dir;
    final BundleMetadata metadata;
    final SavedModelBundle model;

    private Bundle(Path dir, BundleMetadata metadata, SavedModelBundle model) {
        this.dir = dir;
        this.metadata = metadata;
        this.model = model;
    }

    /** The version folder a path means: itself if it holds saved_model.pb, else its highest version. */
    static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve("saved_model.pb"))) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new BundleException("no bundle at " + path + ": the folder does not exist");
        }
        OptionalLong v = SavedModels.latestVersion(path);
        if (v.isEmpty()) {
            throw new BundleException(path + " is not a bundle: expected saved_model.pb in it or in a numeric "
                    + "version folder (TF Serving layout NAME/1/saved_model.pb)");
        }
        return path.resolve(Long.toString(v.getAsLong()));
    }

    static BundleMetadata readMetadata(Path versionDir) {
        Path file = versionDir.resolve(BundleMetadata.FILE);
        if (!Files.isRegularFile(file)) {
            throw new BundleException(versionDir + " has no " + BundleMetadata.FILE + ": not an emotion-art bundle");
        }
        return Json.read(file, BundleMetadata.class);
    }

    static Bundle load(Path path, String expectedKind) {
        Path dir = resolve(path);
        BundleMetadata meta = readMetadata(dir);
        if (!expectedKind.equals(meta.kind())) {
            throw new BundleException(dir + " is a " + meta.kind() + " bundle, not a " + expectedKind);
        }
        try {
            SavedModelBundle model = SavedModelBundle.loader(dir.toString()).withTags(SavedModels.TAG)
                    .withConfigProto(SessionConfig.defaults()).load();
            return new Bundle(dir, meta, model);
        } catch (RuntimeException e) {
            throw new BundleException("cannot load the SavedModel in " + dir + ": " + e.getMessage(), e);
        }
    }

    static long size(Path dir) {
        try {
            return FileTrees.size(dir);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
