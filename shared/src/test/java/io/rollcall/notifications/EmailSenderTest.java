package io.rollcall.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pooled SMTP connections against a real SMTP server (GreenMail), restarted under the sender's feet. */
class EmailSenderTest {

    private int port;
    private GreenMail smtp;
    private EmailSender sender;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = startSmtp();
        sender = new EmailSender("127.0.0.1", port, "rollcall@example.org", "", "", false, 8);
    }

    @AfterEach
    void stop() {
        sender.close();
        smtp.stop();
    }

    @Test
    void oneConnectionCarriesManyEmailsEachDeliveredOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            sender.send(id, "ops@example.org", "Unknown face " + i, "seen at the door");
        }

        assertThat(messageIds()).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "<" + id + "@rollcall>").toList());
        assertThat(sender.connectionsOpened()).isEqualTo(1);
        assertThat(sender.idleConnections()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheNextEmailStillGoesOut() throws Exception {
        sender.send(UUID.randomUUID(), "ops@example.org", "before", "one");
        smtp.stop();                 // the pooled connection is now dead
        smtp = startSmtp();

        UUID after = UUID.randomUUID();
        sender.send(after, "ops@example.org", "after", "two");

        assertThat(messageIds()).containsExactly("<" + after + "@rollcall>");
        assertThat(sender.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void concurrentSendersShareABoundedPoolAndNothingIsSentTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<UUID>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(pool.submit(() -> {
                UUID id = UUID.randomUUID();
                sender.send(id, "ops@example.org", "alert", "body");
                return id;
            }));
        }
        List<String> expected = new ArrayList<>();
        for (Future<UUID> f : sent) {
            expected.add("<" + f.get() + "@rollcall>");
        }
        pool.shutdown();

        assertThat(messageIds()).hasSize(200).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sender.connectionsOpened()).isBetween(1, 8);
        assertThat(sender.idleConnections()).isBetween(1, 8);
    }

    @Test
    void withNoPoolEveryEmailHasItsOwnConnection() throws Exception {
        try (EmailSender unpooled = new EmailSender("127.0.0.1", port, "rollcall@example.org", "", "", false, 0)) {
            for (int i = 0; i < 3; i++) {
                unpooled.send(UUID.randomUUID(), "ops@example.org", "alert", "body");
            }
            assertThat(unpooled.connectionsOpened()).isEqualTo(3);
            assertThat(unpooled.idleConnections()).isZero();
        }
        assertThat(messageIds()).hasSize(3);
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private List<String> messageIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            ids.addAll(Arrays.asList(m.getHeader("Message-ID")));
        }
        return ids;
    }
}
