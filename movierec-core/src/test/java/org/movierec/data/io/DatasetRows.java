package org.movierec.data.io;

import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/** Test helper: a dataset's interactions as text, to compare what two readers built. */
public final class DatasetRows {
    private DatasetRows() {
    }

    /** The (user name, item name, value, time) of every interaction, one per line, in the dataset's order. */
    public static String of(Dataset d) {
        StringBuilder b = new StringBuilder();
        Interactions in = d.interactions();
        for (int p = 0; p < in.size(); p++) {
            b.append(d.users().ids().name(in.user(p))).append(' ').append(d.movies().ids().name(in.item(p)))
                    .append(' ').append(in.rating(p)).append(' ').append(in.timestamp(p)).append('\n');
        }
        return b.toString();
    }
}
