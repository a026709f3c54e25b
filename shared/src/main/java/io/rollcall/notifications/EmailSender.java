package io.rollcall.notifications;

import java.util.Properties;
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

/** E-mail over SMTP (Jakarta Mail, Angus): SMTP_HOST, SMTP_PORT, SMTP_FROM, optional SMTP_USER/SMTP_PASSWORD and STARTTLS. */
@Component
public class EmailSender {

    private final Session session;
    private final String from;

    public EmailSender(@Value("${rollcall.smtp.host}") String host, @Value("${rollcall.smtp.port}") int port,
                       @Value("${rollcall.smtp.from}") String from, @Value("${rollcall.smtp.user}") String user,
                       @Value("${rollcall.smtp.password}") String password, @Value("${rollcall.smtp.starttls}") boolean starttls) {
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
            Transport.send(message);
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
}
