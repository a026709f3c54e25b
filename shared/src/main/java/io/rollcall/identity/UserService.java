package io.rollcall.identity;

import java.util.Optional;
import java.util.UUID;

import io.rollcall.audit.Actor;
import io.rollcall.audit.AuditAction;
import io.rollcall.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Users of one organization: the organization always comes from the actor (the verified token). */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final ObjectProvider<UserLifecycleListener> listeners;
    private final TransactionTemplate tx;

    public UserService(UserRepository users, PasswordHasher hasher, AuditTrail audit,
                       ObjectProvider<UserLifecycleListener> listeners, TransactionTemplate transactions) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.listeners = listeners;
        this.tx = transactions;
    }

    public User create(Actor actor, NewUser request) {
        String username = Fields.normalizeUsername(request.username());
        Fields fields = new Fields().required("username", username).username("username", username)
                .required("password", request.password()).password("password", request.password())
                .required("role", request.role()).oneOf("role", request.role(), Role.class)
                .email("email", request.email());
        request.profile().validate(fields);
        fields.throwIfInvalid();
        // hash outside the transaction: it is the slow part and needs no connection
        String hash = hasher.hash(request.password());
        UUID id;
        try {
            // the audit record commits with the user, or neither does
            id = tx.execute(s -> {
                UUID created = users.insert(actor.organizationId(), username, blankToNull(request.email()), hash,
                        Role.valueOf(request.role()), request.profile());
                audit.record(actor, AuditAction.USER_CREATED, created);
                return created;
            });
        } catch (DuplicateKeyException e) {
            throw IdentityException.conflict("the username " + username + " is taken");
        }
        return get(actor.organizationId(), id);
    }

    /** What a bulk import did with one person. */
    public record Imported(UUID userId, boolean created) {
    }

    /**
     * A person of a bulk import: created without a password (so no sign-in until an ADMIN resets it: hashing
     * 10,000 passwords nobody chose would take minutes) or, when the organization already has the username, that
     * user - so a re-run imports nothing twice. Audited as USER_CREATED like {@link #create}.
     */
    public Imported importUser(Actor actor, NewUser request) {
        validateImport(request);
        String username = Fields.normalizeUsername(request.username());
        Optional<UUID> existing = users.idOfUsername(actor.organizationId(), username);
        if (existing.isPresent()) {
            return new Imported(existing.get(), false);
        }
        try {
            return tx.execute(s -> {
                UUID created = users.insert(actor.organizationId(), username, blankToNull(request.email()),
                        PasswordHasher.NO_PASSWORD, Role.valueOf(request.role()), request.profile());
                audit.record(actor, AuditAction.USER_CREATED, created);
                return new Imported(created, true);
            });
        } catch (DuplicateKeyException e) {
            // another organization's (usernames are unique platform-wide), or a concurrent import of the same name
            return users.idOfUsername(actor.organizationId(), username).map(id -> new Imported(id, false))
                    .orElseThrow(() -> IdentityException.conflict("the username " + username + " is taken"));
        }
    }

    /** What {@link #importUser} refuses, checked without touching anything (a bulk import's rows, up front). */
    public void validateImport(NewUser request) {
        String username = Fields.normalizeUsername(request.username());
        Fields fields = new Fields().required("username", username).username("username", username)
                .required("role", request.role()).oneOf("role", request.role(), Role.class)
                .email("email", request.email());
        request.profile().validate(fields);
        fields.throwIfInvalid();
    }

    public User get(UUID organizationId, UUID id) {
        return users.find(organizationId, id).orElseThrow(() -> IdentityException.notFound("user"));
    }

    public Page<User> list(UUID organizationId, String search, int page, int size) {
        new Fields().check("page", page >= 0, "must be 0 or more")
                .check("size", size >= 1 && size <= Page.MAX_SIZE, "must be 1-" + Page.MAX_SIZE)
                .maxLength("search", search, 255)
                .throwIfInvalid();
        return users.list(organizationId, search == null || search.isBlank() ? null : search.trim(), page, size);
    }

    public User update(Actor actor, UUID id, UserChanges changes) {
        new Fields().oneOf("role", changes.role(), Role.class).email("email", changes.email()).throwIfInvalid();
        Role role = changes.role() == null ? null : Role.valueOf(changes.role());
        if (id.equals(actor.userId()) && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(changes.active()))) {
            throw IdentityException.conflict("an ADMIN cannot demote or deactivate themselves");
        }
        boolean deactivating = Boolean.FALSE.equals(changes.active());
        boolean roleChanging = role != null && users.find(actor.organizationId(), id).map(u -> u.role() != role).orElse(false);
        tx.executeWithoutResult(s -> {
            boolean clearEmail = changes.email() != null && changes.email().isBlank();
            if (!users.update(actor.organizationId(), id, role, clearEmail ? null : blankToNull(changes.email()), clearEmail, changes.active())) {
                throw IdentityException.notFound("user");
            }
            if (deactivating) {
                listeners.orderedStream().forEach(l -> l.userDeactivated(actor.organizationId(), id));
            } else if (roleChanging) {
                listeners.orderedStream().forEach(l -> l.userAccessChanged(actor.organizationId(), id));
            }
            audit.record(actor, deactivating ? AuditAction.USER_DEACTIVATED : AuditAction.USER_UPDATED, id);
        });
        return get(actor.organizationId(), id);
    }

    public void deactivate(Actor actor, UUID id) {
        update(actor, id, new UserChanges(null, null, false));
    }

    public void resetPassword(Actor actor, UUID id, String password) {
        new Fields().required("password", password).password("password", password).throwIfInvalid();
        if (!users.setPassword(actor.organizationId(), id, hasher.hash(password))) {
            throw IdentityException.notFound("user");
        }
        listeners.orderedStream().forEach(l -> l.userAccessChanged(actor.organizationId(), id));
        audit.record(actor, AuditAction.USER_PASSWORD_RESET, id);
    }

    /** Soft delete: the user leaves every list and can never log in again; their biometric data is erased. */
    public void delete(Actor actor, UUID id) {
        if (id.equals(actor.userId())) {
            throw IdentityException.conflict("an ADMIN cannot delete themselves");
        }
        tx.executeWithoutResult(s -> {
            if (!users.softDelete(actor.organizationId(), id)) {
                throw IdentityException.notFound("user");
            }
            listeners.orderedStream().forEach(l -> l.userDeleted(actor.organizationId(), id));
            audit.record(actor, AuditAction.USER_DELETED, id);
        });
    }

    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        new Fields().required("currentPassword", currentPassword)
                .required("newPassword", newPassword).password("newPassword", newPassword)
                .throwIfInvalid();
        String hash = users.passwordHash(actor.organizationId(), actor.userId())
                .orElseThrow(() -> IdentityException.notFound("user"));
        if (!hasher.matches(currentPassword, hash)) {
            throw IdentityException.invalid("currentPassword", "does not match");
        }
        users.setPassword(actor.organizationId(), actor.userId(), hasher.hash(newPassword));
        listeners.orderedStream().forEach(l -> l.userAccessChanged(actor.organizationId(), actor.userId()));
        audit.record(actor, AuditAction.USER_PASSWORD_CHANGED, actor.userId());
    }

    public User updateProfile(Actor actor, UUID id, Profile profile) {
        Fields fields = new Fields();
        profile.validate(fields);
        fields.throwIfInvalid();
        Profile trimmed = profile.trimmed();
        tx.executeWithoutResult(s -> {
            Profile before = users.find(actor.organizationId(), id).map(User::profile).orElse(null);
            if (before == null || !users.updateProfile(actor.organizationId(), id, trimmed)) {
                throw IdentityException.notFound("user");
            }
            listeners.orderedStream().forEach(l -> l.userProfileChanged(actor.organizationId(), id, before, trimmed));
            audit.record(actor, AuditAction.USER_PROFILE_UPDATED, id);
        });
        return get(actor.organizationId(), id);
    }

    /** For the platform operations: the first ADMIN of a just-created organization, password already hashed. */
    UUID insertAdmin(UUID organizationId, String username, String passwordHash) {
        UUID id;
        try {
            id = users.insert(organizationId, username, null, passwordHash, Role.ADMIN, Profile.EMPTY);
        } catch (DuplicateKeyException e) {
            throw IdentityException.conflict("the username " + username + " is taken");
        }
        audit.record(Actor.platform(organizationId), AuditAction.USER_CREATED, id);
        return id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
