package dev.watchkeeper.notify;

import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one plain-text e-mail through the configured SMTP server (Jakarta Mail, Angus implementation), with
 * bounded timeouts. The Message-ID is derived from the outbox key, so a resend after a lost answer can be
 * recognised by mail clients as the same message.
 */
@Singleton
public class MailSender {

    private final NotifySettings settings;
    private final Clock clock;

    public MailSender(NotifySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Outcome send(String key, String to, String subject, String text) {
        if (!settings.smtpConfigured()) {
            return new Outcome.Permanent("no SMTP server configured (watchkeeper.notify.smtp.host)");
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.smtpHost());
        p.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        String ms = String.valueOf(settings.timeout().toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        switch (settings.smtpTls()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case SSL -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> {
            }
        }
        boolean auth = !settings.smtpUsername().isEmpty();
        if (auth) {
            p.put("mail.smtp.auth", "true");
        }
        Session session = Session.getInstance(p);
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + key.replaceAll("[^A-Za-z0-9.-]", ".") + "@watchkeeper>");
                }
            };
            m.setFrom(new InternetAddress(settings.smtpFrom(), true));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject(subject, "UTF-8");
            m.setText(text, "UTF-8");
            m.setSentDate(Date.from(clock.instant()));
            m.setHeader("X-Watchkeeper-Key", key);
            if (auth) {
                Transport.send(m, settings.smtpUsername(), settings.smtpPassword());
            } else {
                Transport.send(m);
            }
            return new Outcome.Sent();
        } catch (AddressException e) {
            return new Outcome.Permanent("bad address: " + e.getMessage());
        } catch (AuthenticationFailedException e) {
            return new Outcome.Permanent("SMTP authentication failed: " + e.getMessage());
        } catch (SMTPAddressFailedException e) {
            return byCode(e.getReturnCode(), e);
        } catch (SMTPSendFailedException e) {
            return byCode(e.getReturnCode(), e);
        } catch (SendFailedException e) {
            Exception next = e.getNextException();
            if (next instanceof SMTPAddressFailedException a) {
                return byCode(a.getReturnCode(), a);
            }
            return e.getValidSentAddresses() == null && e.getInvalidAddresses() != null
                    && e.getInvalidAddresses().length > 0
                    ? new Outcome.Permanent("SMTP refused " + to + ": " + e.getMessage())
                    : new Outcome.Retry("SMTP: " + e.getMessage());
        } catch (MessagingException e) {
            return new Outcome.Retry("SMTP: " + e.getMessage() + (e.getCause() instanceof IOException io ? " (" + io + ")" : ""));
        } catch (RuntimeException e) {
            return new Outcome.Permanent("SMTP: " + e);
        }
    }

    private static Outcome byCode(int code, MessagingException e) {
        String error = "SMTP " + code + ": " + e.getMessage().strip();
        return code >= 400 && code < 500 ? new Outcome.Retry(error) : new Outcome.Permanent(error);
    }
}
