package org.emotionart.util;

/**
 * Text from a file or a client, made fit to quote in a one-line message: control characters (an ANSI
 * escape, a line break, a tab) are written as escapes ({@code \n}, {@code \t}, {@code \u001B}), so they
 * cannot move the cursor, recolour the terminal or start a new line, and the text is cut after
 * {@link #MAX} characters with "…" (a header of two million columns does not make a 19 MB line).
 */
public final class Excerpt {
    /** Characters kept of a quoted text. */
    public static final int MAX = 80;

    private Excerpt() {
    }

    /** {@code text} cut to {@link #MAX} characters, control characters escaped; "null" for null. */
    public static String of(String text) {
        return of(text, MAX);
    }

    /** {@code text} cut to {@code max} characters (then "…" added), control characters escaped. */
    public static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
        int n = Math.min(text.length(), max);
        if (n < text.length() && n > 0 && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--; // do not cut a character in two
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (text.length() > max) {
            b.append('…');
        }
        return b.toString();
    }

    /** A list of texts, each an excerpt, at most {@code maxItems} of them ("… (N in all)" after). */
    public static String list(java.util.List<String> items, int maxItems) {
        StringBuilder b = new StringBuilder("[");
        int n = Math.min(items.size(), maxItems);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(of(items.get(i), 40));
        }
        if (items.size() > n) {
            b.append(", … (").append(items.size()).append(" in all)");
        }
        return b.append(']').toString();
    }
}
