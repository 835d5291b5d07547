package org.sdzoo.examples;

import java.util.List;
import org.sdzoo.zoo.config.Require;

/**
 * A published table that several examples reproduce together ({@code sdzoo reproduce NAME}): each
 * member example runs its own {@link Protocol}, and the summary names every number by the member's
 * key and the statistic ({@code cora_test_accuracy_mean}). An implementation has a public
 * no-argument constructor and is listed in {@code META-INF/services/org.sdzoo.examples.Suite}.
 */
public interface Suite {

    /**
     * One row of the table.
     *
     * @param example  the example's name, e.g. {@code gcn-cora}
     * @param key      the prefix of its numbers in {@code result.json}, e.g. {@code cora}
     * @param optional whether a missing data file skips the row (with the loader's sentence) instead of failing
     */
    record Member(String example, String key, boolean optional) {

        /** Validates the fields. */
        public Member {
            Require.present("example", example);
            Require.present("key", key);
        }
    }

    /** @return the name on the command line, e.g. {@code gcn-planetoid} */
    String name();

    /** @return one line for help and the table's title */
    String description();

    /** @return the rows, in the order they run and print */
    List<Member> members();
}
