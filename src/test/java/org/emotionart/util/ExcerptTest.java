package org.emotionart.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void cutsEscapesControlCharactersAndKeepsShortTextAsItIs() {
        assertEquals("path,style,emotion", Excerpt.of("path,style,emotion"));
        assertEquals("\\u001B[2J\\u001B[31mred\\nnext\\ttab\\r\\u0000", Excerpt.of("\u001b[2J\u001b[31mred\nnext\ttab\r\0"));
        assertEquals("\\uFEFFpath \\u202Eevil", Excerpt.of("\uFEFFpath \u202Eevil"));
        assertEquals("x".repeat(80) + "…", Excerpt.of("x".repeat(10_000)));
        assertEquals("ab…", Excerpt.of("ab\uD83D\uDE00", 3), "a character is not cut in two");
        assertEquals("null", Excerpt.of(null));
        assertEquals("[a, b, … (3 in all)]", Excerpt.list(List.of("a", "b", "c"), 2));
    }
}
