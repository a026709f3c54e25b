package io.rollcall.functions.identity;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rollcall.identity.UserLifecycleListener;
import org.springframework.stereotype.Component;

/** A listener bean of the test context (found by the component scan): remembers what it was told. */
@Component
public class RecordingLifecycleListener implements UserLifecycleListener {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void userDeactivated(UUID organizationId, UUID userId) {
        calls.add("deactivated " + organizationId + " " + userId);
    }

    @Override
    public void userDeleted(UUID organizationId, UUID userId) {
        calls.add("deleted " + organizationId + " " + userId);
    }
}
