package io.rollcall.identity;

import java.util.List;

/** One page of a list: page numbers start at 0. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
}
