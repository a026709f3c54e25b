package io.rollcall.identity;

/** The roles of the seed (roles table): ids 1, 2, 3. */
public enum Role {
    ADMIN(1), OPERATOR(2), USER(3);

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
