package io.rollcall.identity;

import java.util.Set;

/** The roles of the seed (roles table): ids 1, 2, 3. */
public enum Role {
    ADMIN(1), OPERATOR(2), USER(3);

    /** Who may call a route, by the names every route table uses. */
    public static final Set<Role> ADMINS = Set.of(ADMIN);
    /** The people who run the floor: ADMINs and OPERATORs. */
    public static final Set<Role> STAFF = Set.of(ADMIN, OPERATOR);
    public static final Set<Role> EVERYONE = Set.of(ADMIN, OPERATOR, USER);

    private final int id;

    Role(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Role ofId(int id) {
        for (Role role : values()) {
            if (role.id == id) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role " + id);
    }
}
