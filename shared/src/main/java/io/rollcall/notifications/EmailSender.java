package io.rollcall.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Jakarta Mail, Angus): SMTP_HOST, SMTP_PORT, SMTP_FROM, optional SMTP_USER/SMTP_PASSWORD and
 * STARTTLS.
 *
 * <p>Connections are kept and reused (a connect, EHLO, STARTTLS and AUTH cost more than the message): an idle one is
 * taken back for the next e-mail, one idle longer than {@link #MAX_IDLE} is closed first (servers drop idle clients
 * after a minute or more, and a send on a dropped connection would fail a delivery for nothing), and one that failed
 * is never reused. A failure is reported, never retried here: the delivery's own retry (SQS) sends it again.
 */
@Component
public class EmailSender implements AutoCloseable {

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader on every call - several times for each
        // message written - scanning every jar of the class path: the largest CPU cost of an e-mail in the
        // notification benchmark's profile (jakartaee/mail-api#861). Named here, FactoryFinder loads it by name.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /** Well under the idle timeouts of common SMTP servers (Postfix 300 s, Exchange and SES 60 s or more). */
    static final Duration MAX_IDLE = Duration.ofSeconds(20);

    private record Pooled(Transport transport, Instant idleSince) {
    }

    private final Session session;
    private final String from;
    /** Idle connections kept (SMTP_POOL_SIZE); more senders at once open more, closed when returned. 0: none kept. */
    private final int maxPooled;
    private final Deque<Pooled> idle = new ArrayDeque<>();
    private final AtomicInteger opened = new AtomicInteger();

    public EmailSender(@Value("${rollcall.smtp.host}") String host, @Value("${rollcall.smtp.port}") int port,
                       @Value("${rollcall.smtp.from}") String from, @Value("${rollcall.smtp.user}") String user,
                       @Value("${rollcall.smtp.password}") String password, @Value("${rollcall.smtp.starttls}") boolean starttls,
                       @Value("${rollcall.smtp.pool_size}") int maxPooled) {
        this.maxPooled = maxPooled;
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        props.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        props.put("mail.smtp.starttls.required", String.valueOf(starttls));
        Authenticator auth = null;
        if (!user.isBlank()) {
            props.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(props, auth);
        this.from = from;
    }

    /**
     * Sends one delivery. Its id is the Message-ID, so if a crash between the server's acceptance and our record
     * of it makes a retry send again, mail systems see the same message twice, not two messages.
     */
    public void send(UUID deliveryId, String to, String subject, String text) throws DeliveryException {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + deliveryId + "@rollcall>");
                }
            };
            message.setFrom(new InternetAddress(from, true));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            message.saveChanges();
            send(message);
        } catch (AddressException e) {
            throw new DeliveryException("invalid address " + to + ": " + e.getMessage(), true, e);
        } catch (SendFailedException e) {
            // the server refused the recipient: a 5xx is final, a 4xx may pass later
            boolean permanent = !(e.getNextException() instanceof SMTPAddressFailedException f) || f.getReturnCode() >= 500;
            throw new DeliveryException("SMTP refused " + to + ": " + e.getMessage(), permanent, e);
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP failed: " + e.getMessage(), false, e);
        }
    }

    /** Sends on a pooled connection; the connection goes back to the pool only if the send went through. */
    private void send(MimeMessage message) throws MessagingException {
        Transport transport = take();
        boolean ok = false;
        try {
            transport.sendMessage(message, message.getAllRecipients());
            ok = true;
        } catch (SendFailedException e) {
            // a refused recipient leaves the connection in a clean state (RSET): keep it
            ok = true;
            throw e;
        } finally {
            if (ok) {
                giveBack(transport);
            } else {
                closeQuietly(transport);
            }
        }
    }

    private Transport take() throws MessagingException {
        Instant now = Instant.now();
        while (true) {
            Pooled pooled;
            synchronized (idle) {
                pooled = idle.pollFirst();
            }
            if (pooled == null) {
                Transport transport = session.getTransport("smtp");
                transport.connect();
                opened.incrementAndGet();
                return transport;
            }
            if (pooled.transport().isConnected() && Duration.between(pooled.idleSince(), now).compareTo(MAX_IDLE) < 0) {
                return pooled.transport();
            }
            closeQuietly(pooled.transport());
        }
    }

    private void giveBack(Transport transport) {
        synchronized (idle) {
            if (idle.size() < maxPooled) {
                idle.addFirst(new Pooled(transport, Instant.now()));
                return;
            }
        }
        closeQuietly(transport);
    }

    /** How many connections were opened so far (tests, benchmarks). */
    int connectionsOpened() {
        return opened.get();
    }

    /** How many connections wait for the next e-mail (tests). */
    int idleConnections() {
        synchronized (idle) {
            return idle.size();
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            idle.forEach(p -> closeQuietly(p.transport()));
            idle.clear();
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // already gone
        }
    }
}
