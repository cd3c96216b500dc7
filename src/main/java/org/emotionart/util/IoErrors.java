package org.emotionart.util;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * An I/O failure in words, with the path it concerns: what Java names by an exception class
 * ({@code NoSuchFileException: /proc/x}) becomes a sentence ({@code /proc/x: no such file or folder}).
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** One line for {@code e}: the path, and what went wrong with it. */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            e = u.getCause();
        }
        if (e instanceof FileSystemException f) {
            String path = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            String what;
            if (f instanceof NoSuchFileException) {
                what = "no such file or folder (or a folder on its path is missing)";
            } else if (f instanceof FileAlreadyExistsException) {
                what = "already exists (and is not a folder this command can write into)";
            } else if (f instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (f instanceof NotDirectoryException) {
                what = "not a folder";
            } else if (f instanceof DirectoryNotEmptyException) {
                what = "the folder is not empty";
            } else if (diskFull(f)) {
                what = "the disk is full";
            } else {
                what = f.getReason() != null ? f.getReason() : "cannot be read or written";
            }
            return path.isEmpty() ? what : path + ": " + what;
        }
        if (diskFull(e)) {
            return "the disk is full (" + e.getMessage() + ")";
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? " (connection refused)" : ": " + e.getMessage());
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Whether {@code e} (or its cause) says no space is left on the device. */
    public static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.toLowerCase(Locale.ROOT).contains("no space left")
                    || m.toLowerCase(Locale.ROOT).contains("disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
